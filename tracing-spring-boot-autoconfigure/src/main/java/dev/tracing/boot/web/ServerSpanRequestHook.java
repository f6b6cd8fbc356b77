package dev.tracing.boot.web;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Called at the start of every traced request with its server span, before the
 * application sees the request: declare a bean of this type to add your own attributes,
 * as the Flask instrumentation's {@code request_hook} does. Called only for requests whose
 * span is recorded; an exception thrown here is logged and never fails the request.
 */
@FunctionalInterface
public interface ServerSpanRequestHook {

	/**
	 * Adds to the server span of a request.
	 * @param serverSpan the request's server span, recording
	 * @param request the incoming request; read its headers and attributes, not its body
	 */
	void onRequest(Span serverSpan, HttpServletRequest request);

}
