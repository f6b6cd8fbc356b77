package dev.tracing.boot.jdbc;

import java.util.Properties;

import io.opentelemetry.instrumentation.api.internal.SemconvStability;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;

/**
 * Chooses the stable database semantic conventions ({@code db.system.name},
 * {@code db.query.text}, {@code db.namespace}, {@code db.operation.name}) for the JDBC and
 * Redis spans.
 * <p>
 * The engine reads {@code otel.semconv-stability.opt-in} once per JVM, from system
 * properties and environment variables only, the first time any instrumentation asks; a
 * value in the Spring environment never reaches it. So this sets the JVM system property,
 * before any bean exists, to the value found in the environment (application properties,
 * {@code OTEL_SEMCONV_STABILITY_OPT_IN}, ...), or to {@code database} when none is set. A
 * system property that is already set is left alone.
 */
public class DatabaseSemconvOptIn implements EnvironmentPostProcessor, Ordered {

	/** The engine's key for semantic-convention opt-ins. */
	public static final String PROPERTY = "otel.semconv-stability.opt-in";

	/** The opt-in this starter chooses when the user chooses none. */
	public static final String DEFAULT = "database";

	private final Log logger;

	public DatabaseSemconvOptIn(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DatabaseSemconvOptIn.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String optIn = apply(environment, System.getProperties());
		if (optIn == null) {
			return;
		}
		boolean wantsStable = optIn.contains("database");
		if (SemconvStability.emitStableDatabaseSemconv() != wantsStable) {
			this.logger.warn("Database spans use the " + (wantsStable ? "old" : "stable")
					+ " semantic conventions although " + PROPERTY + " is '" + optIn
					+ "': the engine fixed its choice before the application started. Set the "
					+ "OTEL_SEMCONV_STABILITY_OPT_IN environment variable or the -D" + PROPERTY
					+ " JVM option instead.");
		}
	}

	/**
	 * Sets the opt-in in the system properties unless already there.
	 * @param environment the application's environment
	 * @param systemProperties the JVM system properties
	 * @return the opt-in in effect, or {@code null} when tracing is off and nothing was set
	 */
	static String apply(PropertyResolver environment, Properties systemProperties) {
		if (!environment.getProperty("tracing.enabled", Boolean.class, true)
				|| environment.getProperty("otel.sdk.disabled", Boolean.class, false)) {
			return null;
		}
		String existing = systemProperties.getProperty(PROPERTY);
		if (existing != null) {
			return existing;
		}
		String optIn = environment.getProperty(PROPERTY, DEFAULT);
		systemProperties.setProperty(PROPERTY, optIn);
		return optIn;
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 20;
	}

}
