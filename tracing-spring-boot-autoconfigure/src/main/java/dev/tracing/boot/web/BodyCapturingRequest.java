package dev.tracing.boot.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Hands the application the request body unchanged, byte for byte and at its own pace,
 * while keeping a bounded copy of the first bytes it reads.
 */
final class BodyCapturingRequest extends HttpServletRequestWrapper {

	private final CapturedBody body;

	private ServletInputStream inputStream;

	private BufferedReader reader;

	BodyCapturingRequest(HttpServletRequest request, CapturedBody body) {
		super(request);
		this.body = body;
	}

	CapturedBody body() {
		return this.body;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.inputStream == null) {
			this.inputStream = new CapturingInputStream(super.getInputStream(), this.body);
		}
		return this.inputStream;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			this.reader = new BufferedReader(new CapturingReader(super.getReader(), this.body));
		}
		return this.reader;
	}

	private static final class CapturingInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final CapturedBody body;

		CapturingInputStream(ServletInputStream delegate, CapturedBody body) {
			this.delegate = delegate;
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				this.body.append(b);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				this.body.append(buffer, offset, count);
			}
			return count;
		}

		@Override
		public int available() throws IOException {
			return this.delegate.available();
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

	private static final class CapturingReader extends Reader {

		private final Reader delegate;

		private final CapturedBody body;

		CapturingReader(Reader delegate, CapturedBody body) {
			this.delegate = delegate;
			this.body = body;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				this.body.appendChars(buffer, offset, count);
			}
			return count;
		}

		@Override
		public boolean ready() throws IOException {
			return this.delegate.ready();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
