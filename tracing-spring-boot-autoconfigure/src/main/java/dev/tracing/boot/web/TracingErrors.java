package dev.tracing.boot.web;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.ServletRequest;

/**
 * Records an exception that the application caught and handled on the server span of the
 * current request, APItoolkit's {@code report_error}: the error shows on the request it
 * belongs to, not only on whatever span happens to be current, and the request carries on
 * undisturbed. The span's status is left to the response (5xx is an error, anything else
 * is not).
 *
 * <pre class="code">
 * try {
 *     return paymentGateway.charge(order);
 * }
 * catch (GatewayTimeoutException ex) {
 *     TracingErrors.report(ex);
 *     return Receipt.pending(order);
 * }
 * </pre>
 */
public final class TracingErrors {

	private TracingErrors() {
	}

	/**
	 * Records the exception on the server span of the current request, or on the current
	 * span when there is no request. Does nothing when nothing is traced.
	 * @param error the handled exception
	 */
	public static void report(Throwable error) {
		report(error, Attributes.empty());
	}

	/**
	 * Records the exception, with extra event attributes, on the server span of the current
	 * request, or on the current span when there is no request.
	 * @param error the handled exception
	 * @param attributes extra attributes for the exception event
	 */
	public static void report(Throwable error, Attributes attributes) {
		record(ServerSpans.current(), error, attributes);
	}

	/**
	 * Records the exception on the server span of the given request, from any thread.
	 * @param request the request the error belongs to
	 * @param error the handled exception
	 */
	public static void report(ServletRequest request, Throwable error) {
		Span span = ServerSpans.of(request);
		record(span.getSpanContext().isValid() ? span : ServerSpans.current(), error, Attributes.empty());
	}

	private static void record(Span span, Throwable error, Attributes attributes) {
		if (error != null && span.isRecording()) {
			span.recordException(error, attributes);
		}
	}

}
