package dev.tracing.boot.viewer;

import java.time.Duration;
import java.util.Locale;

/**
 * Filters for the trace list.
 *
 * @param route text searched, ignoring case, in the root's route and name; {@code null} for
 * any
 * @param status {@code error}, {@code ok}, a status class such as {@code 5xx}, or an exact
 * HTTP status code such as {@code 404}; {@code null} for any
 * @param minDuration the minimum trace duration; {@code null} for any
 * @param limit the maximum number of traces returned
 * @param kind {@code request} for request traces only (rooted at a server span),
 * {@code background} for the others; {@code null} for both
 * @param requestsFirst whether request traces come before the others (each newest first)
 * before the limit applies, so that background work cannot push a request out of the answer;
 * otherwise newest first
 */
public record TraceQuery(String route, String status, Duration minDuration, int limit, String kind,
		boolean requestsFirst) {

	public TraceQuery {
		route = blankToNull(route);
		status = blankToNull(status);
		if (status != null) {
			status = status.toLowerCase(Locale.ROOT);
			if (!status.equals("error") && !status.equals("ok") && !status.matches("[1-5]xx")
					&& !status.matches("[1-5][0-9][0-9]")) {
				throw new IllegalArgumentException(
						"status must be error, ok, a class such as 5xx or a code such as 404, not '" + status + "'");
			}
		}
		if (minDuration != null && minDuration.isNegative()) {
			throw new IllegalArgumentException("the minimum duration must not be negative");
		}
		if (limit <= 0) {
			throw new IllegalArgumentException("the limit must be positive");
		}
		kind = blankToNull(kind);
		if (kind != null) {
			kind = kind.toLowerCase(Locale.ROOT);
			if (!kind.equals("request") && !kind.equals("background")) {
				throw new IllegalArgumentException("kind must be request or background, not '" + kind + "'");
			}
		}
	}

	/** Traces of either kind, newest first. */
	public TraceQuery(String route, String status, Duration minDuration, int limit) {
		this(route, status, minDuration, limit, null, false);
	}

	/** Every trace, newest first, up to the limit. */
	public static TraceQuery all(int limit) {
		return new TraceQuery(null, null, null, limit);
	}

	boolean matches(TraceSummary trace) {
		return matchesKind(trace) && matchesRoute(trace) && matchesStatus(trace)
				&& (this.minDuration == null || trace.durationNanos() >= this.minDuration.toNanos());
	}

	private boolean matchesKind(TraceSummary trace) {
		return this.kind == null || trace.request() == this.kind.equals("request");
	}

	private boolean matchesRoute(TraceSummary trace) {
		if (this.route == null) {
			return true;
		}
		String wanted = this.route.toLowerCase(Locale.ROOT);
		return contains(trace.route(), wanted) || contains(trace.rootName(), wanted);
	}

	private static boolean contains(String value, String wanted) {
		return value != null && value.toLowerCase(Locale.ROOT).contains(wanted);
	}

	private boolean matchesStatus(TraceSummary trace) {
		if (this.status == null) {
			return true;
		}
		if (this.status.equals("error")) {
			return trace.error();
		}
		if (this.status.equals("ok")) {
			return !trace.error();
		}
		Long code = trace.statusCode();
		if (code == null) {
			return false;
		}
		if (this.status.endsWith("xx")) {
			return code / 100 == this.status.charAt(0) - '0';
		}
		return code == Long.parseLong(this.status);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
