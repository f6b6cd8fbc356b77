package dev.tracing.sample.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts the real order service, with its own application*.yml files, for a test: the given
 * profiles, a random port, and the given properties on top (as command-line arguments, so they
 * win over the profile files exactly as a user's overrides would).
 */
final class SampleApplication {

	private SampleApplication() {
	}

	static ConfigurableApplicationContext run(String profiles, Map<String, String> properties) {
		return run(profiles, properties, Map.of());
	}

	/**
	 * Starts the service with {@code environmentVariables} standing in for the process
	 * environment, as a container's environment would be.
	 */
	static ConfigurableApplicationContext run(String profiles, Map<String, String> properties,
			Map<String, String> environmentVariables) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("tracing.batch.schedule-delay", "100ms");
		List<String> args = new ArrayList<>();
		// An argument, not a default: application.yml's server.port (8080) would win over a
		// default and make every test need a port that anything else may hold.
		if (!properties.containsKey("server.port")) {
			args.add("--server.port=0");
		}
		if (!profiles.isEmpty()) {
			args.add("--spring.profiles.active=" + profiles);
		}
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		StandardEnvironment environment = new StandardEnvironment();
		if (!environmentVariables.isEmpty()) {
			environment.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								new LinkedHashMap<>(environmentVariables)));
		}
		return new SpringApplicationBuilder(OrderServiceApplication.class).environment(environment)
			.properties(defaults)
			.run(args.toArray(String[]::new));
	}

	/** Properties that send spans only to the receiver (no console output). */
	static Map<String, String> exportingTo(String otlpEndpoint) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("tracing.exporter.type", "none");
		properties.put("tracing.exporter.endpoint", otlpEndpoint);
		return properties;
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
