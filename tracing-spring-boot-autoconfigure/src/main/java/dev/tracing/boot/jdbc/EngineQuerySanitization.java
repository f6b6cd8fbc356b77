package dev.tracing.boot.jdbc;

import org.springframework.core.env.PropertyResolver;

/**
 * Whether the user left the engine's SQL sanitizing on, read from the engine's own keys in the
 * engine's order: the JDBC setting, then the setting common to all databases; on unless one
 * says otherwise. Someone who turns it off wants statements as written, so the starter then
 * leaves the texts alone too.
 */
final class EngineQuerySanitization {

	private EngineQuerySanitization() {
	}

	static boolean enabled(PropertyResolver config) {
		Boolean jdbc = first(config, "otel.instrumentation.jdbc.query-sanitization.enabled",
				"otel.instrumentation.jdbc.statement-sanitizer.enabled");
		if (jdbc != null) {
			return jdbc;
		}
		Boolean common = first(config, "otel.instrumentation.common.db.query-sanitization.enabled",
				"otel.instrumentation.common.db-statement-sanitizer.enabled");
		return (common != null) ? common : true;
	}

	private static Boolean first(PropertyResolver config, String key, String deprecatedKey) {
		Boolean value = config.getProperty(key, Boolean.class);
		return (value != null) ? value : config.getProperty(deprecatedKey, Boolean.class);
	}

}
