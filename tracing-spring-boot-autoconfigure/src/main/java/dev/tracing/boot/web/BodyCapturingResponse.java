package dev.tracing.boot.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Predicate;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Sends the response body to the client unchanged and as it is written (streaming is not
 * delayed), while keeping a bounded copy of its first bytes. Whether to keep anything is
 * decided at the first write, from the content type the application has set by then.
 */
final class BodyCapturingResponse extends HttpServletResponseWrapper {

	private final CapturedBody body;

	private final Predicate<String> capturedContentType;

	private ServletOutputStream outputStream;

	private PrintWriter writer;

	private Boolean capturing;

	BodyCapturingResponse(HttpServletResponse response, CapturedBody body, Predicate<String> capturedContentType) {
		super(response);
		this.body = body;
		this.capturedContentType = capturedContentType;
	}

	CapturedBody body() {
		return this.body;
	}

	private boolean capturing() {
		Boolean capturing = this.capturing;
		if (capturing == null) {
			capturing = this.capturedContentType.test(getContentType());
			this.capturing = capturing;
		}
		return capturing;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.outputStream == null) {
			this.outputStream = new CapturingOutputStream(super.getOutputStream());
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			PrintWriter delegate = super.getWriter();
			this.writer = new PrintWriter(new CapturingWriter(delegate)) {

				@Override
				public boolean checkError() {
					// The client going away shows on the container's writer, not on this one.
					return super.checkError() || delegate.checkError();
				}

			};
		}
		return this.writer;
	}

	@Override
	public void reset() {
		super.reset();
		this.body.reset();
		this.capturing = null;
	}

	@Override
	public void resetBuffer() {
		super.resetBuffer();
		this.body.reset();
	}

	private final class CapturingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		CapturingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			if (capturing()) {
				BodyCapturingResponse.this.body.append(b);
			}
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			this.delegate.write(buffer, offset, length);
			if (capturing()) {
				BodyCapturingResponse.this.body.append(buffer, offset, length);
			}
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

	private final class CapturingWriter extends Writer {

		private final PrintWriter delegate;

		CapturingWriter(PrintWriter delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int c) {
			this.delegate.write(c);
			if (capturing()) {
				BodyCapturingResponse.this.body.appendChar(c);
			}
		}

		@Override
		public void write(char[] buffer, int offset, int length) {
			this.delegate.write(buffer, offset, length);
			if (capturing()) {
				BodyCapturingResponse.this.body.appendChars(buffer, offset, length);
			}
		}

		@Override
		public void write(String text, int offset, int length) {
			this.delegate.write(text, offset, length);
			if (capturing()) {
				BodyCapturingResponse.this.body.appendChars(text, offset, offset + length);
			}
		}

		@Override
		public void flush() {
			this.delegate.flush();
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
