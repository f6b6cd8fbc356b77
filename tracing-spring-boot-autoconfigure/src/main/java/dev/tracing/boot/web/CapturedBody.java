package dev.tracing.boot.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes (or characters) of a body as the application reads or writes it, never
 * more than a fixed limit however large the body: what passes beyond the limit only sets
 * {@link #isTruncated()}.
 */
final class CapturedBody {

	private static final byte[] NONE = {};

	private final int limit;

	private byte[] bytes = NONE;

	private int byteCount;

	private StringBuilder chars;

	private boolean truncated;

	CapturedBody(int limit) {
		this.limit = limit;
	}

	void append(int b) {
		if (this.byteCount < this.limit) {
			ensureCapacity(this.byteCount + 1);
			this.bytes[this.byteCount++] = (byte) b;
		}
		else {
			this.truncated = true;
		}
	}

	void append(byte[] source, int offset, int length) {
		if (length <= 0) {
			return;
		}
		int kept = Math.min(length, this.limit - this.byteCount);
		if (kept > 0) {
			ensureCapacity(this.byteCount + kept);
			System.arraycopy(source, offset, this.bytes, this.byteCount, kept);
			this.byteCount += kept;
		}
		if (kept < length) {
			this.truncated = true;
		}
	}

	void appendChar(int c) {
		StringBuilder chars = chars();
		if (chars.length() < this.limit) {
			chars.append((char) c);
		}
		else {
			this.truncated = true;
		}
	}

	void appendChars(CharSequence source, int start, int end) {
		if (end <= start) {
			return;
		}
		StringBuilder chars = chars();
		int kept = Math.min(end - start, this.limit - chars.length());
		if (kept > 0) {
			chars.append(source, start, start + kept);
		}
		if (kept < end - start) {
			this.truncated = true;
		}
	}

	void appendChars(char[] source, int offset, int length) {
		appendChars(CharBuffer.wrap(source), offset, offset + length);
	}

	private StringBuilder chars() {
		if (this.chars == null) {
			this.chars = new StringBuilder(Math.min(this.limit, 256));
		}
		return this.chars;
	}

	private void ensureCapacity(int needed) {
		if (needed > this.bytes.length) {
			int capacity = Math.max(needed, Math.min(this.limit, Math.max(256, this.bytes.length * 2)));
			this.bytes = Arrays.copyOf(this.bytes, capacity);
		}
	}

	boolean isEmpty() {
		return this.byteCount == 0 && (this.chars == null || this.chars.length() == 0);
	}

	/** Whether the body went on beyond what was kept. */
	boolean isTruncated() {
		return this.truncated;
	}

	void reset() {
		this.byteCount = 0;
		this.chars = null;
		this.truncated = false;
	}

	/**
	 * The kept body as text, at most {@code limit} bytes in UTF-8; a body cut at the limit
	 * ends at a character boundary.
	 */
	String text(Charset charset) {
		String text = (this.chars != null && this.chars.length() > 0) ? this.chars.toString() : decode(charset);
		return fitToLimit(text);
	}

	private String decode(Charset charset) {
		int length = this.byteCount;
		if (this.truncated && StandardCharsets.UTF_8.equals(charset)) {
			length = utf8Boundary(length);
		}
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		try {
			return decoder.decode(ByteBuffer.wrap(this.bytes, 0, length)).toString();
		}
		catch (CharacterCodingException ex) {
			return new String(this.bytes, 0, length, charset);
		}
	}

	/** The largest length not greater than {@code length} that does not split a UTF-8 sequence. */
	private int utf8Boundary(int length) {
		int end = length;
		int continuation = 0;
		while (end > 0 && continuation < 3 && (this.bytes[end - 1] & 0xC0) == 0x80) {
			end--;
			continuation++;
		}
		if (end == 0) {
			return length;
		}
		int lead = this.bytes[end - 1] & 0xFF;
		int sequence = (lead >= 0xF0) ? 4 : (lead >= 0xE0) ? 3 : (lead >= 0xC0) ? 2 : 1;
		return (sequence == continuation + 1) ? length : end - 1;
	}

	private String fitToLimit(String text) {
		if (text.length() * 3L <= this.limit) {
			return text;
		}
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		if (utf8.length <= this.limit) {
			return text;
		}
		this.truncated = true;
		CapturedBody cut = new CapturedBody(this.limit);
		cut.append(utf8, 0, utf8.length);
		return cut.decode(StandardCharsets.UTF_8);
	}

}
