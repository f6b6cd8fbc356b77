package dev.tracing.boot.annotation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;

/** How a traced call ended, written onto its span. */
final class SpanOutcome {

	/** Set when the caller cancelled an asynchronous result before it completed. */
	static final AttributeKey<Boolean> CANCELED = AttributeKey.booleanKey("tracing.canceled");

	private SpanOutcome() {
	}

	/** ERROR status, {@code error.type} and an exception event. */
	static void failed(Span span, Throwable ex) {
		span.setStatus(StatusCode.ERROR);
		span.setAttribute(ErrorAttributes.ERROR_TYPE, ex.getClass().getName());
		span.recordException(ex);
	}

	/** Ends the span of an asynchronous result, which completed with {@code ex} or normally. */
	static void completed(Span span, Throwable ex) {
		if (ex != null) {
			Throwable cause = unwrap(ex);
			if (cause instanceof CancellationException) {
				span.setAttribute(CANCELED, true);
			}
			else {
				failed(span, cause);
			}
		}
		span.end();
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
