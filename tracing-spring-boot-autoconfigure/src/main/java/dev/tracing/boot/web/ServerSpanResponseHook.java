package dev.tracing.boot.web;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Called at the end of every traced request with its server span, after the application
 * has produced the response and before the span ends: declare a bean of this type to add
 * your own attributes, as the Flask instrumentation's {@code response_hook} does. Called
 * only for requests whose span is recorded; an exception thrown here is logged and never
 * fails the request.
 */
@FunctionalInterface
public interface ServerSpanResponseHook {

	/**
	 * Adds to the server span of a request.
	 * @param serverSpan the request's server span, recording
	 * @param request the request
	 * @param response the response, with its status and headers set
	 */
	void onResponse(Span serverSpan, HttpServletRequest request, HttpServletResponse response);

}
