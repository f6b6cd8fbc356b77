package dev.tracing.boot.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.DbClientAttributesGetter;
import io.opentelemetry.semconv.incubating.DbIncubatingAttributes.DbSystemNameIncubatingValues;

/**
 * Reads the semantic-convention attributes of a Redis command span. The engine's database
 * extractors turn them into the old or the stable attribute names, whichever the JDBC spans
 * use.
 */
final class RedisAttributesGetter implements DbClientAttributesGetter<RedisRequest, Void> {

	@Override
	public String getDbSystemName(RedisRequest command) {
		return DbSystemNameIncubatingValues.REDIS;
	}

	@Override
	public String getDbQueryText(RedisRequest command) {
		return command.text();
	}

	@Override
	public String getDbOperationName(RedisRequest command) {
		return command.operation();
	}

	@Override
	public String getDbNamespace(RedisRequest command) {
		// The database index belongs to the connection, which SELECT can change: not reliable.
		return null;
	}

	@Override
	public String getServerAddress(RedisRequest command) {
		return command.serverAddress();
	}

	@Override
	public Integer getServerPort(RedisRequest command) {
		return command.serverPort();
	}

	@Override
	public String getErrorType(RedisRequest command, Void response, Throwable error) {
		return (error instanceof RedisCommandExecutionException) ? errorPrefix(error.getMessage()) : null;
	}

	/** The error code Redis puts first in an error reply, such as {@code WRONGTYPE}. */
	static String errorPrefix(String reply) {
		if (reply == null || reply.isEmpty()) {
			return null;
		}
		int space = reply.indexOf(' ');
		String prefix = (space > 0) ? reply.substring(0, space) : reply;
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (!(c >= 'A' && c <= 'Z') && c != '_') {
				return null;
			}
		}
		return prefix;
	}

}
