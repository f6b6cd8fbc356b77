package dev.tracing.boot.jdbc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Marks statements that took at least the threshold with {@code tracing.db.slow=true} and
 * logs one WARN for each, with the sanitized statement and the trace id. Runs while the
 * statement's span ends and is still writable, so the flag reaches the exporter.
 */
final class SlowStatementReporter {

	static final AttributeKey<Boolean> SLOW = AttributeKey.booleanKey("tracing.db.slow");

	private static final Log logger = LogFactory.getLog(SlowStatementReporter.class);

	private final long thresholdNanos;

	private final long thresholdMillis;

	SlowStatementReporter(Duration threshold) {
		this.thresholdNanos = threshold.toNanos();
		this.thresholdMillis = threshold.toMillis();
	}

	/**
	 * Whether the ending statement took at least the threshold.
	 * @param span the statement's span, ending
	 * @return whether it was slow
	 */
	boolean isSlow(ReadWriteSpan span) {
		return span.getLatencyNanos() >= this.thresholdNanos;
	}

	/**
	 * Flags a slow statement's span and logs it.
	 * @param span the statement's span, ending
	 * @param statement the sanitized statement
	 */
	void report(ReadWriteSpan span, String statement) {
		span.setAttribute(SLOW, true);
		if (logger.isWarnEnabled()) {
			logger.warn("Slow SQL statement: " + TimeUnit.NANOSECONDS.toMillis(span.getLatencyNanos())
					+ " ms (threshold " + this.thresholdMillis + " ms): " + statement + " [trace_id="
					+ span.getSpanContext().getTraceId() + "]");
		}
	}

}
