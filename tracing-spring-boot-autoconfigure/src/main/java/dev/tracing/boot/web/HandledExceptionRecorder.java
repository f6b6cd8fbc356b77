package dev.tracing.boot.web;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Records every exception that a handler throws on the request's server span, including
 * the ones that {@code @ExceptionHandler}, {@code @ControllerAdvice} or
 * {@code ResponseStatusException} turn into a response: those never reach the servlet
 * filter that makes the span, so without this the span shows a status code and no cause.
 * Runs first among the resolvers and resolves nothing. "No handler" exceptions are left
 * out: a 404 for an unknown path is not an error of the application.
 */
final class HandledExceptionRecorder implements HandlerExceptionResolver, Ordered {

	private static final String RECORDED = HandledExceptionRecorder.class.getName() + ".recorded";

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException
				|| request.getAttribute(RECORDED) == ex) {
			return null;
		}
		Span span = ServerSpans.of(request);
		record(request, span.getSpanContext().isValid() ? span : ServerSpans.current(), ex);
		return null;
	}

	/**
	 * Records the exception on the span unless it was recorded for this request already.
	 * @param request the request the exception belongs to
	 * @param span the request's server span
	 * @param ex the exception
	 */
	static void record(ServletRequest request, Span span, Throwable ex) {
		if (span.isRecording() && request.getAttribute(RECORDED) != ex) {
			span.recordException(ex);
			request.setAttribute(RECORDED, ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
