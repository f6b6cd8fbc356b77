package dev.tracing.boot.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.DbAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finds the N+1 pattern: the same sanitized statement run again and again inside one
 * request. Statements are counted per local root span (the request's server span), one
 * counter per distinct statement; when the root span ends, each statement that reached the
 * threshold becomes one {@value #EVENT_NAME} event on it, with the final count, and one WARN
 * per route (the root span's name, such as {@code GET /orders}) and statement for the
 * lifetime of the application.
 */
final class RepeatedStatementDetector {

	static final String EVENT_NAME = "tracing.db.n_plus_one";

	static final AttributeKey<Long> COUNT = AttributeKey.longKey("tracing.db.count");

	private static final Log logger = LogFactory.getLog(RepeatedStatementDetector.class);

	/** Bounds the memory of which route and statement pairs were already logged. */
	private static final int MAX_WARNED = 1024;

	private final int threshold;

	private final Map<Span, StatementCounts> countsByRoot = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	RepeatedStatementDetector(int threshold) {
		this.threshold = threshold;
	}

	/**
	 * Counts one run of a statement against the local root span it belongs to.
	 * @param root the local root span of the statement's trace in this process
	 * @param statement the sanitized statement
	 */
	void count(Span root, String statement) {
		StatementCounts counts = this.countsByRoot.get(root);
		if (counts == null) {
			// A root that has ended gets no new entry, so late statements cannot leak one.
			counts = this.countsByRoot.computeIfAbsent(root,
					(key) -> (key instanceof ReadableSpan span && span.hasEnded()) ? null : new StatementCounts());
			if (counts == null) {
				return;
			}
		}
		counts.increment(statement);
	}

	/**
	 * Called while a local root span ends, still writable: adds the events and logs.
	 * @param root the ending local root span
	 */
	void rootEnding(ReadWriteSpan root) {
		StatementCounts counts = this.countsByRoot.remove(root);
		if (counts == null) {
			return;
		}
		for (Map.Entry<String, Integer> repeated : counts.atLeast(this.threshold)) {
			String statement = repeated.getKey();
			int count = repeated.getValue();
			root.addEvent(EVENT_NAME,
					Attributes.of(DbAttributes.DB_QUERY_TEXT, statement, COUNT, (long) count));
			warnOnce(root.getName(), statement, count, root.getSpanContext().getTraceId());
		}
	}

	/**
	 * Called after a local root span has ended: drops counts that a statement still running on
	 * another thread added while the root was ending.
	 * @param root the ended local root span
	 */
	void rootEnded(ReadableSpan root) {
		if (!this.countsByRoot.isEmpty()) {
			this.countsByRoot.remove(root);
		}
	}

	/** Number of requests currently being counted. */
	int requestsInProgress() {
		return this.countsByRoot.size();
	}

	private void warnOnce(String route, String statement, int count, String traceId) {
		String key = route + '\n' + statement;
		if (this.warned.size() >= MAX_WARNED || !this.warned.add(key)) {
			return;
		}
		if (logger.isWarnEnabled()) {
			logger.warn("Possible N+1 query: " + route + " ran the same statement " + count
					+ " times in one request (threshold " + this.threshold + "): " + statement + " [trace_id="
					+ traceId + "]. Reported once per route and statement.");
		}
	}

	/**
	 * The statements of one request and how often each ran. A request's statements may run
	 * on several threads.
	 */
	private static final class StatementCounts {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		void increment(String statement) {
			AtomicInteger count = this.counts.get(statement);
			if (count == null) {
				AtomicInteger first = new AtomicInteger();
				count = this.counts.putIfAbsent(statement, first);
				if (count == null) {
					count = first;
				}
			}
			count.incrementAndGet();
		}

		List<Map.Entry<String, Integer>> atLeast(int threshold) {
			List<Map.Entry<String, Integer>> repeated = new ArrayList<>();
			this.counts.forEach((statement, count) -> {
				int value = count.get();
				if (value >= threshold) {
					repeated.add(Map.entry(statement, value));
				}
			});
			return repeated;
		}

	}

}
