package dev.tracing.boot.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

class OnPropertyEntriesCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String property = (String) metadata.getAnnotationAttributes(ConditionalOnPropertyEntries.class.getName())
			.get("value");
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			ConfigurationProperty value = source.getConfigurationProperty(name);
			if ((value != null && value.getValue() != null && StringUtils.hasText(value.getValue().toString()))
					|| source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return ConditionOutcome.match(property + " has entries");
			}
		}
		return ConditionOutcome.noMatch(property + " is empty");
	}

}
