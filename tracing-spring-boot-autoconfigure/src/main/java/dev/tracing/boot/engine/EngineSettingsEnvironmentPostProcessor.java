package dev.tracing.boot.engine;

import java.util.List;

import dev.tracing.boot.InvalidTracingPropertyException;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Runs every feature's {@link EngineSettingsContributor} once the application's
 * configuration files are loaded and before any auto-configuration condition is evaluated,
 * and adds the result to the environment: the defaults last, so that every standard
 * {@code OTEL_*} variable and {@code otel.*} property still wins, the few overrides first.
 * <p>
 * Two set-ups are refused or stepped aside from here, before the engine starts: a
 * declarative OpenTelemetry configuration file (it would build the SDK without the starter's
 * sampling rules and masking), and an attached Java agent (it instruments the application
 * itself; tracing it twice would double every span).
 */
public class EngineSettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source with the defaults, lowest precedence. */
	public static final String DEFAULTS = "tracingEngineDefaults";

	/** Name of the property source with the overrides, highest precedence. */
	public static final String OVERRIDES = "tracingEngineOverrides";

	static final List<String> DECLARATIVE_CONFIGURATION_KEYS = List.of("otel.file_format",
			"otel.experimental.config.file", "otel.config.file");

	private final Log logger;

	public EngineSettingsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EngineSettingsEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().remove(DEFAULTS);
		environment.getPropertySources().remove(OVERRIDES);
		EngineSettings settings = compute(environment, AttachedAgent.detect());
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS, settings.defaults()));
		if (!settings.overrides().isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(OVERRIDES, settings.overrides()));
		}
	}

	EngineSettings compute(PropertyResolver environment, AttachedAgent agent) {
		Binder binder = Binder.get((ConfigurableEnvironment) environment);
		EngineSettings settings = new EngineSettings(binder, environment);
		if (!binder.bind("tracing.enabled", Boolean.class).orElse(true)
				|| environment.getProperty("otel.sdk.disabled", Boolean.class, false)) {
			settings.put("otel.sdk.disabled", "true");
			return settings;
		}
		if (agent != null) {
			this.logger.warn("Tracing by the starter is off: the " + agent.name() + " is attached to this JVM ("
					+ agent.evidence() + ") and traces the application itself; tracing it twice would double every "
					+ "span. Configure tracing through the agent, or remove the agent to use the starter.");
			settings.force("otel.sdk.disabled", "true");
			settings.force("tracing.enabled", "false");
			return settings;
		}
		rejectDeclarativeConfiguration(environment);
		return EngineSettings.of(binder, environment);
	}

	private static void rejectDeclarativeConfiguration(PropertyResolver environment) {
		for (String key : DECLARATIVE_CONFIGURATION_KEYS) {
			String value = environment.getProperty(key);
			if (value != null) {
				throw new InvalidTracingPropertyException(key, value,
						"a declarative OpenTelemetry configuration builds the SDK from the file alone, without "
								+ "this starter's sampling rules, URL exclusion and masking, which would then be "
								+ "silently off",
						"remove " + key + " and configure tracing with tracing.* properties or the standard "
								+ "OTEL_* variables, or set tracing.enabled=false to run the OpenTelemetry Spring "
								+ "Boot starter without this one");
			}
		}
	}

	static List<EngineSettingsContributor> contributors() {
		return SpringFactoriesLoader.forDefaultResourceLocation(EngineSettingsEnvironmentPostProcessor.class.getClassLoader())
			.load(EngineSettingsContributor.class);
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 10;
	}

}
