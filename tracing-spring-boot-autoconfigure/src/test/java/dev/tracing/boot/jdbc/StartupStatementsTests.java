package dev.tracing.boot.jdbc;

import java.util.List;

import dev.tracing.boot.pipeline.RuleBasedSampler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class StartupStatementsTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final Attributes SQL = Attributes.of(AttributeKey.stringKey("db.system.name"), "postgresql",
			AttributeKey.stringKey("db.query.text"), "create table shop_customer (id bigint)");

	@SuppressWarnings("deprecation")
	private static final Attributes OLD_CONVENTIONS_SQL = Attributes.of(AttributeKey.stringKey("db.system"), "h2");

	private final StartupStatements startupStatements = new StartupStatements();

	private final Sampler sampler = new RuleBasedSampler(List.of(this.startupStatements), Sampler.alwaysOn());

	@Test
	void dropsStatementsWithoutAParentUntilTheApplicationIsReady() {
		assertThat(decision(Context.root(), SpanKind.CLIENT, SQL)).isEqualTo(SamplingDecision.DROP);
		assertThat(decision(Context.root(), SpanKind.CLIENT, OLD_CONVENTIONS_SQL)).isEqualTo(SamplingDecision.DROP);
		ready();
		assertThat(decision(Context.root(), SpanKind.CLIENT, SQL)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decision(Context.root(), SpanKind.CLIENT, OLD_CONVENTIONS_SQL))
			.isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void statementsInsideASpanAreLeftToOtherRulesDuringStartUp() {
		assertThat(decision(parent(false), SpanKind.CLIENT, SQL)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decision(parent(true), SpanKind.CLIENT, SQL)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void spansThatAreNotStatementsAreLeftToOtherRulesDuringStartUp() {
		assertThat(decision(Context.root(), SpanKind.INTERNAL, SQL)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decision(Context.root(), SpanKind.SERVER, Attributes.empty()))
			.isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decision(Context.root(), SpanKind.CLIENT,
				Attributes.of(AttributeKey.stringKey("http.request.method"), "GET")))
			.isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void afterReadinessTheRatioDecides() {
		ready();
		Sampler dropping = new RuleBasedSampler(List.of(this.startupStatements), Sampler.alwaysOff());
		assertThat(dropping.shouldSample(Context.root(), TRACE_ID, "select", SpanKind.CLIENT, SQL, List.of())
			.getDecision()).isEqualTo(SamplingDecision.DROP);
		assertThat(this.startupStatements).hasToString("statements made before the application is ready are not traced");
	}

	@Test
	void aRefreshedContextIsNotReadyWhenSpringApplicationStartedIt() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("springApplicationArguments", DefaultApplicationArguments.class,
					() -> new DefaultApplicationArguments());
			context.refresh();
			this.startupStatements.onApplicationEvent(new ContextRefreshedEvent(context));
			assertThat(this.startupStatements.isReady()).isFalse();
			this.startupStatements.onApplicationEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null));
			assertThat(this.startupStatements.isReady()).isTrue();
		}
	}

	@Test
	void aRefreshedContextIsReadyWhenNoSpringApplicationStartedIt() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			this.startupStatements.onApplicationEvent(new ContextRefreshedEvent(context));
			assertThat(this.startupStatements.isReady()).isTrue();
		}
	}

	private void ready() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			this.startupStatements.onApplicationEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null));
		}
	}

	private SamplingDecision decision(Context parent, SpanKind kind, Attributes attributes) {
		return this.sampler.shouldSample(parent, TRACE_ID, "span", kind, attributes, List.of()).getDecision();
	}

	private static Context parent(boolean remote) {
		SpanContext parent = remote
				? SpanContext.createFromRemoteParent(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
						TraceState.getDefault())
				: SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
		return Context.root().with(Span.wrap(parent));
	}

}
