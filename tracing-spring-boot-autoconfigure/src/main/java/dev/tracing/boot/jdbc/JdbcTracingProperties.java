package dev.tracing.boot.jdbc;

import java.time.Duration;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SQL statements: what their spans carry and which problems they report. Every statement
 * that goes through a {@code DataSource} bean is a client span; these settings shape it.
 *
 * @param captureParameters Whether the values bound to a prepared statement are recorded as
 * db.query.parameter.N attributes. Off by default: parameter values are often personal data.
 * When on, the values still pass through the redaction applied to every exported span.
 * @param sqlCommenter Whether each statement reaches the database with the W3C traceparent of
 * its trace in a trailing SQL comment, so that the database's own logs lead back to the
 * trace. Makes every statement text unique, which defeats the statement caches of drivers
 * and databases.
 * @param slowQueryThreshold Statements that take at least this long get tracing.db.slow=true
 * on their span and one WARN log line with the sanitized statement and trace id. 0 turns the
 * check off.
 * @param nPlusOneThreshold When one request runs the same sanitized statement at least this
 * many times, its local root span (the server span) gets a tracing.db.n_plus_one event and
 * one WARN is logged per route and statement. 0 turns the check off.
 * @param traceStartupStatements Whether statements made with no span current before the
 * application is ready are traced: schema creation by Hibernate, Flyway, Liquibase or
 * schema.sql, Hibernate's sequence queries, data seeded by runners. Off by default: each
 * would be a trace of its own at every start. Statements inside a span, such as a traced
 * runner or a scheduled job, are always traced.
 */
@ConfigurationProperties("tracing.jdbc")
public record JdbcTracingProperties(@DefaultValue("false") boolean captureParameters,
		@DefaultValue("false") boolean sqlCommenter, @DefaultValue("500ms") Duration slowQueryThreshold,
		@DefaultValue("10") int nPlusOneThreshold, @DefaultValue("false") boolean traceStartupStatements) {

	public JdbcTracingProperties {
		if (slowQueryThreshold.isNegative()) {
			throw new InvalidTracingPropertyException("tracing.jdbc.slow-query-threshold", slowQueryThreshold,
					"must not be negative", "use a duration such as 500ms, or 0 to turn slow-query reporting off");
		}
		if (nPlusOneThreshold < 0 || nPlusOneThreshold == 1) {
			throw new InvalidTracingPropertyException("tracing.jdbc.n-plus-one-threshold", nPlusOneThreshold,
					"must be 0 (off) or at least 2: a statement that runs once is not repeated",
					"use a count such as 10, or 0 to turn N+1 detection off");
		}
	}

	/** Whether statements are checked for slowness. */
	boolean reportsSlowStatements() {
		return !this.slowQueryThreshold.isZero();
	}

	/** Whether repeated statements are counted per request. */
	boolean detectsRepeatedStatements() {
		return this.nPlusOneThreshold > 0;
	}

}
