package dev.tracing.boot.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small real web application for end-to-end tests: Tomcat on a random port, an H2
 * database, and endpoints whose requests run SQL, so that tests can see server spans and
 * their JDBC children arrive at an {@link OtlpReceiver}.
 */
@SpringBootApplication
public class TracedApplication {

	/** Runs the application in its own process, for tests that need one (signals, exit). */
	public static void main(String[] args) {
		SpringApplication.run(TracedApplication.class, args);
	}

	/** Starts the application with these properties on a random port. */
	public static ConfigurableApplicationContext run(Map<String, String> properties) {
		return run(properties, Map.of());
	}

	/**
	 * Starts the application with these properties and with {@code environmentVariables}
	 * standing in for the process environment, as {@code OTEL_*} variables would be.
	 */
	public static ConfigurableApplicationContext run(Map<String, String> properties,
			Map<String, String> environmentVariables) {
		return run(properties, environmentVariables, new Class<?>[0]);
	}

	/**
	 * Starts the application with these properties and with {@code additionalSources}
	 * (configuration classes of a test's own package) beside the shared test beans.
	 */
	public static ConfigurableApplicationContext run(Map<String, String> properties, Class<?>... additionalSources) {
		return run(properties, Map.of(), additionalSources);
	}

	private static ConfigurableApplicationContext run(Map<String, String> properties,
			Map<String, String> environmentVariables, Class<?>[] additionalSources) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("spring.datasource.url", "jdbc:h2:mem:traced;DB_CLOSE_DELAY=-1");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("tracing.batch.schedule-delay", "100ms");
		StandardEnvironment environment = new StandardEnvironment();
		if (!environmentVariables.isEmpty()) {
			MutablePropertySources sources = environment.getPropertySources();
			sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new LinkedHashMap<>(environmentVariables)));
		}
		SpringApplication application = new SpringApplicationBuilder(TracedApplication.class)
			.sources(additionalSources)
			.web(WebApplicationType.SERVLET)
			.environment(environment)
			.properties(defaults)
			.build();
		List<String> args = properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
		return application.run(args.toArray(String[]::new));
	}

	@RestController
	static class OrdersController {

		private final JdbcTemplate jdbc;

		OrdersController(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@GetMapping("/api/orders/{id}")
		Map<String, Object> order(@PathVariable long id) {
			Integer answer = this.jdbc.queryForObject("SELECT 40 + ?", Integer.class, 2);
			return Map.of("id", id, "answer", answer);
		}

		@GetMapping({ "/health", "/client/{id}/info", "/xyz/healthcheck" })
		Map<String, Object> probe() {
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			return Map.of("status", "UP");
		}

	}

}
