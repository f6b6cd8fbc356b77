package dev.tracing.boot.engine;

/**
 * A feature's share of the {@code otel.*} settings that the OpenTelemetry engine reads,
 * derived from the feature's own {@code tracing.*} properties. Each feature package
 * registers one in {@code META-INF/spring.factories}; the
 * {@link EngineSettingsEnvironmentPostProcessor} runs them in their {@code @Order} and adds
 * the result to the environment before any auto-configuration condition is evaluated,
 * because the engine reads some of these settings in its conditions.
 */
@FunctionalInterface
public interface EngineSettingsContributor {

	/**
	 * Adds this feature's settings.
	 * @param settings the settings being built, with access to the bound properties
	 */
	void contribute(EngineSettings settings);

}
