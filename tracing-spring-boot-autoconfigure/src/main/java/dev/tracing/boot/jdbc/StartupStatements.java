package dev.tracing.boot.jdbc;

import dev.tracing.boot.pipeline.SamplingRequest;
import dev.tracing.boot.pipeline.SamplingRule;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.incubating.DbIncubatingAttributes;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Tells the database statements that nobody asked to trace: those made with no span current
 * before the application is ready. Schema creation by Hibernate, Flyway, Liquibase or
 * {@code schema.sql}, Hibernate's sequence queries and data seeded by runners would otherwise
 * each be a trace of its own at every start. A statement inside a span (a traced runner, a
 * {@code @Scheduled} job, a request) is never one of them, nor is any statement once the
 * application is ready.
 * <p>
 * A sampler sees the attributes a span starts with, not the instrumentation that makes it,
 * so a statement is recognised as a client span that names its database system
 * ({@code db.system.name}, or {@code db.system} under the old conventions): SQL through JDBC
 * or R2DBC, and equally a Redis or MongoDB command.
 * <p>
 * Ready means {@link ApplicationReadyEvent}, after the runners. A context that no
 * {@code SpringApplication} started never sends it, so there the refreshed context counts as
 * ready.
 */
final class StartupStatements implements SamplingRule, SmartApplicationListener {

	@SuppressWarnings("deprecation") // the engine's default conventions still use it
	private static final AttributeKey<String> OLD_SYSTEM = DbIncubatingAttributes.DB_SYSTEM;

	private volatile boolean ready;

	@Override
	public Decision decide(SamplingRequest request) {
		return isUntracedStartupStatement(request) ? Decision.DROP : Decision.ABSTAIN;
	}

	/**
	 * Whether a root span about to start is a statement made before the application is
	 * ready, which is not traced.
	 * @param request the span about to start
	 * @return whether the span is an untraced start-up statement
	 */
	boolean isUntracedStartupStatement(SamplingRequest request) {
		return !this.ready && request.kind() == SpanKind.CLIENT && !request.remoteParent().isValid()
				&& (request.attribute(DbAttributes.DB_SYSTEM_NAME) != null || request.attribute(OLD_SYSTEM) != null);
	}

	/** Whether the application is ready, from which point every statement is traced. */
	boolean isReady() {
		return this.ready;
	}

	@Override
	public String toString() {
		return "statements made before the application is ready are not traced";
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextRefreshedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent) {
			this.ready = true;
		}
		else if (event instanceof ContextRefreshedEvent refreshed
				&& refreshed.getApplicationContext().getBeanProvider(ApplicationArguments.class).getIfAvailable() == null) {
			// SpringApplication registers the arguments in every context it runs; without
			// them no ApplicationReadyEvent will follow.
			this.ready = true;
		}
	}

}
