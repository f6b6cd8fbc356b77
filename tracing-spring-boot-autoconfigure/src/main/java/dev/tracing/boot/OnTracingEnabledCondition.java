package dev.tracing.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnTracingEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (!isTracingEnabled(context.getEnvironment())) {
			return ConditionOutcome.noMatch("tracing is disabled (tracing.enabled=false or otel.sdk.disabled=true)");
		}
		return ConditionOutcome.match("tracing is enabled");
	}

	static boolean isTracingEnabled(PropertyResolver environment) {
		return environment.getProperty("tracing.enabled", Boolean.class, true)
				&& !environment.getProperty("otel.sdk.disabled", Boolean.class, false);
	}

}
