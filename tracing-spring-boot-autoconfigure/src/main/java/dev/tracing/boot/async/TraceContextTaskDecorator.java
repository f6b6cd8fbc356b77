package dev.tracing.boot.async;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the trace context of the thread that submits a task into the thread that runs it,
 * so that spans started by the task join the submitter's trace. Decorating a task twice (a
 * decorator applied by Spring Boot's executor builder and again by
 * {@link TraceContextExecutorPostProcessor}) wraps it once.
 */
public final class TraceContextTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		if (runnable instanceof ContextRunnable) {
			return runnable;
		}
		return new ContextRunnable(Context.current(), runnable);
	}

	private static final class ContextRunnable implements Runnable {

		private final Context context;

		private final Runnable task;

		ContextRunnable(Context context, Runnable task) {
			this.context = context;
			this.task = task;
		}

		@Override
		public void run() {
			try (Scope scope = this.context.makeCurrent()) {
				this.task.run();
			}
		}

	}

}
