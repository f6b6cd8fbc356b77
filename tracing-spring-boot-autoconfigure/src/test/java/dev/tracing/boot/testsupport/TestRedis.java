package dev.tracing.boot.testsupport;

/**
 * The real Redis the data tests use: {@code TRACING_TEST_REDIS_HOST} and
 * {@code TRACING_TEST_REDIS_PORT}, by default 127.0.0.1:6379.
 */
public final class TestRedis {

	private TestRedis() {
	}

	public static String host() {
		String host = System.getenv("TRACING_TEST_REDIS_HOST");
		return (host != null && !host.isBlank()) ? host : "127.0.0.1";
	}

	public static int port() {
		String port = System.getenv("TRACING_TEST_REDIS_PORT");
		return (port != null && !port.isBlank()) ? Integer.parseInt(port) : 6379;
	}

}
