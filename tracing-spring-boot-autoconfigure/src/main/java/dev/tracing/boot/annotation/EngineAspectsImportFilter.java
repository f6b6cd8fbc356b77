package dev.tracing.boot.annotation;

import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps out the engine's auto-configurations that register AspectJ aspects for
 * {@code @WithSpan} methods and {@code @Scheduled} runs. {@link EngineAnnotationsAutoConfiguration}
 * applies the same aspects through Spring AOP advisors.
 */
public final class EngineAspectsImportFilter implements AutoConfigurationImportFilter {

	private static final String ENGINE_PACKAGE = "io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.";

	static final Set<String> REPLACED = Set.of(ENGINE_PACKAGE + "annotations.InstrumentationAnnotationsAutoConfiguration",
			ENGINE_PACKAGE + "scheduling.SpringSchedulingInstrumentationAutoConfiguration");

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = autoConfigurationClasses[i] == null || !REPLACED.contains(autoConfigurationClasses[i]);
		}
		return matches;
	}

}
