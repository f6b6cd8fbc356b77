package dev.tracing.boot.annotation;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Ends spans of methods returning {@link Mono} or {@link Flux}. Loaded only with Reactor present. */
final class ReactorResults {

	private ReactorResults() {
	}

	static boolean isReactive(Class<?> type) {
		return Mono.class.isAssignableFrom(type) || Flux.class.isAssignableFrom(type);
	}

	/**
	 * The publisher, ending the span on its first terminal signal or cancellation, before the
	 * signal travels downstream. A publisher that is never subscribed never ends its span,
	 * and the span is not exported.
	 */
	static Object endOnTermination(Object publisher, Span span) {
		Termination termination = new Termination(span);
		if (publisher instanceof Mono<?> mono) {
			return mono.doOnSuccess((value) -> termination.succeeded())
				.doOnError(termination::failed)
				.doOnCancel(termination::cancelled);
		}
		if (publisher instanceof Flux<?> flux) {
			return flux.doOnComplete(termination::succeeded)
				.doOnError(termination::failed)
				.doOnCancel(termination::cancelled);
		}
		span.end();
		return publisher;
	}

	/** Ends the span once, whichever signal comes first. */
	private static final class Termination {

		private final Span span;

		private final AtomicBoolean ended = new AtomicBoolean();

		Termination(Span span) {
			this.span = span;
		}

		void succeeded() {
			if (this.ended.compareAndSet(false, true)) {
				this.span.end();
			}
		}

		void failed(Throwable ex) {
			if (this.ended.compareAndSet(false, true)) {
				SpanOutcome.failed(this.span, ex);
				this.span.end();
			}
		}

		void cancelled() {
			if (this.ended.compareAndSet(false, true)) {
				this.span.setAttribute(SpanOutcome.CANCELED, true);
				this.span.end();
			}
		}

	}

}
