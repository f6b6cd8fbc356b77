package dev.tracing.boot.jdbc;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.annotation.Order;

/** {@code tracing.jdbc.*} settings that the engine's JDBC instrumentation implements. */
@Order(500)
final class JdbcEngineSettings implements EngineSettingsContributor {

	@Override
	public void contribute(EngineSettings settings) {
		JdbcTracingProperties jdbc = settings.bind("tracing.jdbc", JdbcTracingProperties.class);
		settings.put("otel.instrumentation.jdbc.experimental.capture-query-parameters",
				Boolean.toString(jdbc.captureParameters()));
		settings.put("otel.instrumentation.jdbc.experimental.sqlcommenter.enabled",
				Boolean.toString(jdbc.sqlCommenter()));
	}

}
