package dev.tracing.boot.jdbc.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.PostgresSchema;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A running {@link ShopApplication} with its OTLP receiver, schema and Redis key prefix,
 * closed together.
 */
public final class Shop implements AutoCloseable {

	private final OtlpReceiver receiver;

	private final PostgresSchema schema;

	private final String keyPrefix;

	private final ConfigurableApplicationContext app;

	private final HttpCalls http;

	private Shop(OtlpReceiver receiver, PostgresSchema schema, String keyPrefix, ConfigurableApplicationContext app) {
		this.receiver = receiver;
		this.schema = schema;
		this.keyPrefix = keyPrefix;
		this.app = app;
		this.http = new HttpCalls(app);
	}

	/** Starts a shop on PostgreSQL with these properties on top of its defaults. */
	public static Shop start(Map<String, String> properties) {
		return start(properties, new Class<?>[0]);
	}

	/**
	 * Starts a shop on PostgreSQL with these properties on top of its defaults and with a
	 * test's own configuration classes.
	 */
	public static Shop start(Map<String, String> properties, Class<?>... additionalSources) {
		OtlpReceiver receiver = OtlpReceiver.start();
		PostgresSchema schema = PostgresSchema.create("tracing_shop");
		String keyPrefix = newKeyPrefix();
		try {
			return new Shop(receiver, schema, keyPrefix,
					ShopApplication.run(schema, keyPrefix, withEndpoint(properties, receiver), additionalSources));
		}
		catch (RuntimeException ex) {
			schema.close();
			receiver.close();
			throw ex;
		}
	}

	/**
	 * Starts a shop on an in-memory H2 database with these properties on top of its defaults
	 * and with a test's own configuration classes. It has no {@link #schema()}.
	 */
	public static Shop startOnH2(Map<String, String> properties, Class<?>... additionalSources) {
		OtlpReceiver receiver = OtlpReceiver.start();
		String keyPrefix = newKeyPrefix();
		try {
			return new Shop(receiver, null, keyPrefix,
					ShopApplication.runOnH2(keyPrefix, withEndpoint(properties, receiver), additionalSources));
		}
		catch (RuntimeException ex) {
			receiver.close();
			throw ex;
		}
	}

	private static String newKeyPrefix() {
		return "tracing-shop-test:" + UUID.randomUUID() + ":";
	}

	private static Map<String, String> withEndpoint(Map<String, String> properties, OtlpReceiver receiver) {
		Map<String, String> all = new java.util.LinkedHashMap<>(properties);
		all.put("tracing.exporter.endpoint", receiver.httpEndpoint());
		return all;
	}

	public OtlpReceiver receiver() {
		return this.receiver;
	}

	public PostgresSchema schema() {
		return this.schema;
	}

	public String keyPrefix() {
		return this.keyPrefix;
	}

	public ConfigurableApplicationContext app() {
		return this.app;
	}

	public HttpCalls http() {
		return this.http;
	}

	/** The application name the shop's connections show in {@code pg_stat_activity}. */
	/** The statements PostgreSQL reports active for this application until the request completes. */
	public Set<String> activeQueriesWhile(CompletableFuture<?> request) throws SQLException {
		Set<String> queries = new LinkedHashSet<>();
		try (Connection connection = PostgresSchema.connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT query FROM pg_stat_activity WHERE application_name = ? AND state = 'active'")) {
			statement.setString(1, applicationName());
			while (!request.isDone()) {
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						queries.add(rows.getString(1));
					}
				}
			}
		}
		return queries;
	}

	public String applicationName() {
		return "tracing-" + this.schema.name();
	}

	/**
	 * A random marker of lower-case letters that tells a test's request apart in exported
	 * data. Letters only, so that no masking of personal data (phone or card numbers) can
	 * touch it.
	 */
	public static String marker() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		StringBuilder marker = new StringBuilder("ref");
		for (int i = 0; i < 16; i++) {
			marker.append((char) ('a' + random.nextInt(26)));
		}
		return marker.toString();
	}

	/** Waits for the server span of a request to this path whose query contains the marker. */
	public ReceivedSpan awaitRequest(String path, String queryMarker) {
		return this.receiver.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(s.attribute("url.path"))
				&& (queryMarker == null || String.valueOf(s.attribute("url.query")).contains(queryMarker)));
	}

	/** Every span received so far in the trace, after flushing what the application holds. */
	public List<ReceivedSpan> trace(String traceId) {
		this.http.flushSpans();
		return this.receiver.spans().stream().filter((s) -> s.traceId().equals(traceId)).toList();
	}

	/** The client spans of one database system, in start order. */
	public static List<ReceivedSpan> clients(List<ReceivedSpan> spans, String dbSystem) {
		return spans.stream()
			.filter((s) -> s.kind() == SpanKind.SPAN_KIND_CLIENT && dbSystem.equals(s.attribute("db.system.name")))
			.sorted((a, b) -> Long.compare(a.span().getStartTimeUnixNano(), b.span().getStartTimeUnixNano()))
			.toList();
	}

	@Override
	public void close() {
		try {
			StringRedisTemplate redis = this.app.getBean(StringRedisTemplate.class);
			redis.delete(redis.keys(this.keyPrefix + "*"));
			this.app.close();
		}
		finally {
			if (this.schema != null) {
				this.schema.close();
			}
			this.receiver.close();
		}
	}

}
