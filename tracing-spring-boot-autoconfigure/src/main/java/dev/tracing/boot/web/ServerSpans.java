package dev.tracing.boot.web;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import jakarta.servlet.ServletRequest;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Finds the server span of the request being handled, wherever the code that asks runs:
 * inside a nested span, in an exception handler, or on another thread that carries the
 * request or the trace context.
 */
final class ServerSpans {

	/** Request attribute that holds the server span of a traced request. */
	static final String ATTRIBUTE = ServerSpans.class.getName() + ".serverSpan";

	private static final boolean requestContextPresent = ClassUtils.isPresent(
			"org.springframework.web.context.request.RequestContextHolder", ServerSpans.class.getClassLoader());

	private ServerSpans() {
	}

	/** The server span of this request, or the invalid span when it is not traced. */
	static Span of(ServletRequest request) {
		Object span = request.getAttribute(ATTRIBUTE);
		return (span instanceof Span serverSpan) ? serverSpan : Span.getInvalid();
	}

	/**
	 * The server span of the current request: the one recorded on the request bound to
	 * this thread, else the local root span of the current trace context, else the current
	 * span.
	 */
	static Span current() {
		if (requestContextPresent) {
			Span span = fromRequestContext();
			if (span != null) {
				return span;
			}
		}
		Context context = Context.current();
		Span root = LocalRootSpan.fromContextOrNull(context);
		return (root != null) ? root : Span.fromContext(context);
	}

	private static Span fromRequestContext() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object span = (attributes != null) ? attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
				: null;
		return (span instanceof Span serverSpan) ? serverSpan : null;
	}

}
