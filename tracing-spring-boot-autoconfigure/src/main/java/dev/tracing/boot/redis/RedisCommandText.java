package dev.tracing.boot.redis;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Renders a Redis command for its span: the command name and, by default, one {@code ?} per
 * argument ({@code SET ? ?}), so neither keys nor values leave the process. When arguments
 * are captured they appear as sent ({@code SET cart:42 3}), except for the commands that
 * carry credentials, and the text is cut at {@value #MAX_LENGTH} characters.
 */
final class RedisCommandText {

	static final int MAX_LENGTH = 1024;

	private static final Set<String> CREDENTIAL_COMMANDS = Set.of("AUTH", "HELLO", "ACL", "MIGRATE");

	private final boolean captureArguments;

	RedisCommandText(boolean captureArguments) {
		this.captureArguments = captureArguments;
	}

	String render(String operation, CommandArgs<?, ?> args) {
		int count = (args != null) ? args.count() : 0;
		if (count == 0) {
			return operation;
		}
		if (this.captureArguments && !CREDENTIAL_COMMANDS.contains(operation)) {
			return withArguments(operation, args);
		}
		StringBuilder text = new StringBuilder(operation.length() + 2 * count);
		text.append(operation);
		for (int i = 0; i < count; i++) {
			text.append(" ?");
		}
		return text.toString();
	}

	/** Decodes the arguments from the RESP bulk strings Lettuce would send. */
	private static String withArguments(String operation, CommandArgs<?, ?> args) {
		ByteBuf buffer = Unpooled.buffer();
		try {
			args.encode(buffer);
			StringBuilder text = new StringBuilder(operation);
			while (buffer.isReadable() && text.length() < MAX_LENGTH) {
				if (buffer.readByte() != '$') {
					break;
				}
				int length = readLength(buffer);
				if (length < 0 || buffer.readableBytes() < length + 2) {
					break;
				}
				text.append(' ').append(buffer.toString(buffer.readerIndex(), length, StandardCharsets.UTF_8));
				buffer.skipBytes(length + 2);
			}
			return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) : text.toString();
		}
		finally {
			buffer.release();
		}
	}

	private static int readLength(ByteBuf buffer) {
		int length = 0;
		while (buffer.isReadable()) {
			byte b = buffer.readByte();
			if (b == '\r') {
				buffer.skipBytes(1);
				return length;
			}
			if (b < '0' || b > '9') {
				return -1;
			}
			length = length * 10 + (b - '0');
		}
		return -1;
	}

}
