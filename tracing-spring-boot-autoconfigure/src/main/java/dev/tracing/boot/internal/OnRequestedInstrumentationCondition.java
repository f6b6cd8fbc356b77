package dev.tracing.boot.internal;

import dev.tracing.boot.engine.EngineSettings;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRequestedInstrumentationCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String name = (String) metadata.getAnnotationAttributes(ConditionalOnRequestedInstrumentation.class.getName())
			.get("value");
		return EngineSettings.isInstrumentationRequested(context.getEnvironment(), name)
				? ConditionOutcome.match("the " + name + " instrumentation is wanted")
				: ConditionOutcome.noMatch("otel.instrumentation." + name + ".enabled is false");
	}

}
