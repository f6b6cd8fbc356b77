package dev.tracing.boot.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throwaway schema in the real PostgreSQL that tests use, so that test runs never share
 * tables: created on {@link #create(String)}, dropped with everything in it on
 * {@link #close()}. The server comes from {@code TRACING_TEST_POSTGRES_URL} (a JDBC URL,
 * default {@code jdbc:postgresql://127.0.0.1:5432/test}) and
 * {@code TRACING_TEST_POSTGRES_USER} / {@code TRACING_TEST_POSTGRES_PASSWORD} (default
 * {@code postgres}, no password).
 */
public final class PostgresSchema implements AutoCloseable {

	private final String name;

	private PostgresSchema(String name) {
		this.name = name;
	}

	/** Creates a schema named after the prefix plus a random suffix. */
	public static PostgresSchema create(String prefix) {
		String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		PostgresSchema schema = new PostgresSchema(name);
		schema.execute("CREATE SCHEMA " + name);
		return schema;
	}

	public static String serverUrl() {
		String url = System.getenv("TRACING_TEST_POSTGRES_URL");
		return (url != null && !url.isBlank()) ? url : "jdbc:postgresql://127.0.0.1:5432/test";
	}

	public static String user() {
		String user = System.getenv("TRACING_TEST_POSTGRES_USER");
		return (user != null && !user.isBlank()) ? user : "postgres";
	}

	public static String password() {
		String password = System.getenv("TRACING_TEST_POSTGRES_PASSWORD");
		return (password != null) ? password : "";
	}

	public String name() {
		return this.name;
	}

	/**
	 * A JDBC URL whose connections use this schema and announce {@code applicationName} in
	 * {@code pg_stat_activity}.
	 */
	public String url(String applicationName) {
		String base = serverUrl();
		return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + this.name + "&ApplicationName="
				+ applicationName;
	}

	/** A plain, untraced connection to the server. */
	public static Connection connect() throws SQLException {
		return DriverManager.getConnection(serverUrl(), user(), password());
	}

	private void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + serverUrl() + " is needed for this test: " + ex, ex);
		}
	}

	@Override
	public void close() {
		execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
	}

}
