package dev.tracing.boot.engine;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the {@code otel.*} settings derived from {@code tracing.*} to the environment, after
 * the application's configuration files are loaded and before any auto-configuration
 * condition is evaluated: the engine reads flags such as {@code otel.sdk.disabled} in its
 * conditions. The property source goes last, so every standard {@code OTEL_*} variable and
 * {@code otel.*} property the user sets still wins.
 */
public class EngineSettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source this post-processor adds. */
	public static final String PROPERTY_SOURCE_NAME = "tracingEngineSettings";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
		Map<String, Object> settings = new EngineSettings(Binder.get(environment), environment).toOtelProperties();
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, settings));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 10;
	}

}
