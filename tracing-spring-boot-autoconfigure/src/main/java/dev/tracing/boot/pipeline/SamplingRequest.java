package dev.tracing.boot.pipeline;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;

/**
 * What a {@link SamplingRule} knows about a root span: its kind, its remote parent, its
 * trace id and, for an HTTP request, the request. The same rule runs when the servlet filter
 * decides, before any span exists (then it reads the request itself, which costs no
 * attribute), and when the SDK's sampler decides for other spans (then it reads the start
 * attributes).
 */
public interface SamplingRequest {

	/** The kind of span that would be started. */
	SpanKind kind();

	/** The span name if already known, otherwise an empty string. */
	String name();

	/** The remote parent (from a {@code traceparent}), or an invalid context when there is none. */
	SpanContext remoteParent();

	/** The trace id the span will have. */
	String traceId();

	/** The path of an HTTP server request ({@code url.path}), or {@code null}. */
	String path();

	/**
	 * The URL of an HTTP server request as {@code scheme://host:port/path?query}, or
	 * {@code null}. Built on first use.
	 */
	String url();

	/**
	 * The first value of a request header, or {@code null}.
	 * @param name the header name, case-insensitive
	 * @return the value, or {@code null} when absent or not known
	 */
	String header(String name);

	/**
	 * An attribute known when the span starts, or {@code null}.
	 * @param <T> the attribute's type
	 * @param key the attribute
	 * @return the value, or {@code null}
	 */
	<T> T attribute(AttributeKey<T> key);

}
