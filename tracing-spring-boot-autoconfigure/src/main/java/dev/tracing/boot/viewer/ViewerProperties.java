package dev.tracing.boot.viewer;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The local trace viewer: a page in the application that shows its recent traces as
 * waterfalls, for development without a collector.
 *
 * @param enabled Whether to keep finished spans in memory and serve the viewer page. Meant
 * for development; leave it off in production.
 * @param path The path of the viewer page, relative to the servlet context path. The JSON
 * API is served below it.
 * @param allowRemote Whether to serve the viewer to clients on other machines. By default
 * only requests from loopback addresses, to a loopback host name, are answered.
 * @param maxTraces The number of most recent traces kept. Traces are evicted whole, the
 * oldest of the kind (requests or background work) that holds more first, so a flood of
 * background work cannot evict the requests.
 * @param maxSpans The maximum number of spans kept across all traces. Oldest traces are
 * evicted until the store is under the limit.
 * @param maxSpansPerTrace The maximum number of spans kept for one trace. Further spans of a
 * very large trace are counted but not kept, so one batch job cannot evict every other trace.
 * @param maxBytes The maximum estimated heap size of the kept spans. Oldest traces are
 * evicted until the store is under the limit.
 * @param receiveOtlp Whether the viewer also accepts spans that other services on this
 * machine export to it over OTLP/HTTP (http/protobuf) at the viewer path plus /v1/traces, so
 * that it shows their part of a trace too: point their exporter at
 * http://localhost:8080/tracing. The same access rules as for the page apply.
 * @param maxOtlpRequestSize The largest OTLP request body accepted, compressed or not;
 * larger requests are refused with 413.
 */
@ConfigurationProperties("tracing.viewer")
public record ViewerProperties(@DefaultValue("false") boolean enabled, @DefaultValue("/tracing") String path,
		@DefaultValue("false") boolean allowRemote, @DefaultValue("500") int maxTraces,
		@DefaultValue("20000") int maxSpans, @DefaultValue("2000") int maxSpansPerTrace,
		@DefaultValue("16MB") DataSize maxBytes, @DefaultValue("true") boolean receiveOtlp,
		@DefaultValue("8MB") DataSize maxOtlpRequestSize) {

	public ViewerProperties {
		validatePath(path);
		positive("tracing.viewer.max-traces", maxTraces, "500");
		positive("tracing.viewer.max-spans", maxSpans, "20000");
		positive("tracing.viewer.max-spans-per-trace", maxSpansPerTrace, "2000");
		if (maxSpansPerTrace > maxSpans) {
			throw new InvalidTracingPropertyException("tracing.viewer.max-spans-per-trace", maxSpansPerTrace,
					"must not be larger than tracing.viewer.max-spans (" + maxSpans + ")",
					"use a number between 1 and " + maxSpans);
		}
		if (maxBytes.toBytes() < DataSize.ofKilobytes(64).toBytes()) {
			throw new InvalidTracingPropertyException("tracing.viewer.max-bytes", maxBytes, "must be at least 64KB",
					"use a size such as 16MB");
		}
		if (maxOtlpRequestSize.toBytes() < DataSize.ofKilobytes(1).toBytes()
				|| maxOtlpRequestSize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new InvalidTracingPropertyException("tracing.viewer.max-otlp-request-size", maxOtlpRequestSize,
					"must be between 1KB and 2GB", "use a size such as 8MB");
		}
	}

	private static void validatePath(String path) {
		String fix = "use a path such as /tracing: it starts with '/', does not end with '/' and has no wildcards";
		if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
			throw new InvalidTracingPropertyException("tracing.viewer.path", path,
					"must start with '/', name at least one segment and not end with '/'", fix);
		}
		for (char character : path.toCharArray()) {
			if (character == '*' || character == '?' || character == '#' || character == ';'
					|| Character.isWhitespace(character)) {
				throw new InvalidTracingPropertyException("tracing.viewer.path", path,
						"must not contain '" + character + "'", fix);
			}
		}
	}

	private static void positive(String property, int value, String example) {
		if (value <= 0) {
			throw new InvalidTracingPropertyException(property, value, "must be positive",
					"use a positive number such as " + example);
		}
	}

}
