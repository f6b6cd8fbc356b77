package dev.tracing.boot.engine;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/** Runs the engine settings as the application's start-up does, for tests of any feature. */
public final class EngineSettingsFixture {

	private EngineSettingsFixture() {
	}

	/** The post-processor, with its warnings logged right away. */
	public static EngineSettingsEnvironmentPostProcessor postProcessor() {
		return new EngineSettingsEnvironmentPostProcessor(Supplier::get);
	}

	/** Adds the engine settings to the environment, as start-up does. */
	public static void apply(ConfigurableEnvironment environment) {
		postProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

	/** Both layers of the settings for this environment, overrides winning. */
	public static Map<String, Object> settings(ConfigurableEnvironment environment) {
		return postProcessor().compute(environment, null).all();
	}

	/** The defaults layer alone. */
	public static Map<String, Object> defaults(ConfigurableEnvironment environment) {
		return postProcessor().compute(environment, null).defaults();
	}

	/** The overrides layer alone. */
	public static Map<String, Object> overrides(ConfigurableEnvironment environment) {
		return postProcessor().compute(environment, null).overrides();
	}

}
