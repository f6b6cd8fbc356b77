package dev.tracing.boot.viewer;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol buffers wire format (varints, fixed 32 and 64-bit values, length-delimited
 * fields) from a slice of a byte array, checking every length against the bytes there are.
 * Enough for the OTLP trace messages, which use no groups.
 */
final class ProtobufReader {

	static final int VARINT = 0;

	static final int FIXED64 = 1;

	static final int LENGTH_DELIMITED = 2;

	static final int FIXED32 = 5;

	private final byte[] buffer;

	private final int limit;

	private int position;

	private int wireType = -1;

	ProtobufReader(byte[] buffer) {
		this(buffer, 0, buffer.length);
	}

	private ProtobufReader(byte[] buffer, int offset, int limit) {
		this.buffer = buffer;
		this.position = offset;
		this.limit = limit;
	}

	/** Whether another field follows. */
	boolean hasField() {
		return this.position < this.limit;
	}

	/** Reads the next field's tag and returns its field number. */
	int field() {
		long tag = readVarint();
		int field = (int) (tag >>> 3);
		this.wireType = (int) (tag & 7);
		if (field <= 0 || tag >>> 3 > 0x1fffffff) {
			throw new MalformedProtobufException("a field number out of range (tag " + tag + ")");
		}
		return field;
	}

	long varint() {
		expect(VARINT);
		return readVarint();
	}

	long fixed64() {
		expect(FIXED64);
		require(8);
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (this.buffer[this.position + i] & 0xffL);
		}
		this.position += 8;
		return value;
	}

	int fixed32() {
		expect(FIXED32);
		require(4);
		int value = 0;
		for (int i = 3; i >= 0; i--) {
			value = (value << 8) | (this.buffer[this.position + i] & 0xff);
		}
		this.position += 4;
		return value;
	}

	double doubleValue() {
		return Double.longBitsToDouble(fixed64());
	}

	String string() {
		int length = length();
		String value = new String(this.buffer, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	byte[] bytes() {
		int length = length();
		byte[] value = new byte[length];
		System.arraycopy(this.buffer, this.position, value, 0, length);
		this.position += length;
		return value;
	}

	/** The bytes as lower-case hexadecimal, as trace and span ids are written. */
	String hex() {
		int length = length();
		char[] hex = new char[length * 2];
		for (int i = 0; i < length; i++) {
			int octet = this.buffer[this.position + i] & 0xff;
			hex[2 * i] = Character.forDigit(octet >> 4, 16);
			hex[2 * i + 1] = Character.forDigit(octet & 0xf, 16);
		}
		this.position += length;
		return new String(hex);
	}

	/** An embedded message: a reader over its bytes, which this reader then skips. */
	ProtobufReader message() {
		int length = length();
		ProtobufReader message = new ProtobufReader(this.buffer, this.position, this.position + length);
		this.position += length;
		return message;
	}

	/** Skips the value of a field this reader's caller does not know. */
	void skip() {
		switch (this.wireType) {
			case VARINT -> readVarint();
			case FIXED64 -> {
				require(8);
				this.position += 8;
			}
			case LENGTH_DELIMITED -> {
				int length = length();
				this.position += length;
			}
			case FIXED32 -> {
				require(4);
				this.position += 4;
			}
			default -> throw new MalformedProtobufException("wire type " + this.wireType + " is not supported");
		}
	}

	private int length() {
		expect(LENGTH_DELIMITED);
		long length = readVarint();
		if (length < 0 || length > this.limit - this.position) {
			throw new MalformedProtobufException(
					"a length of " + length + " with " + (this.limit - this.position) + " bytes left");
		}
		return (int) length;
	}

	private long readVarint() {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			require(1);
			byte octet = this.buffer[this.position++];
			value |= (long) (octet & 0x7f) << shift;
			if (octet >= 0) {
				return value;
			}
		}
		throw new MalformedProtobufException("a varint longer than 10 bytes");
	}

	private void expect(int wireType) {
		if (this.wireType != wireType) {
			throw new MalformedProtobufException("wire type " + this.wireType + " where " + wireType + " belongs");
		}
	}

	private void require(int bytes) {
		if (this.limit - this.position < bytes) {
			throw new MalformedProtobufException("the message ends in the middle of a field");
		}
	}

	/** The bytes are not a valid protocol buffers message of the expected type. */
	static final class MalformedProtobufException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MalformedProtobufException(String message) {
			super(message);
		}

	}

}
