package dev.tracing.boot.jdbc;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * SQL statements. The engine wraps every {@code DataSource} bean and makes one client span
 * per statement; parameter capture and the SQL commenter are engine settings (see
 * {@link dev.tracing.boot.engine.EngineSettings}). This configuration adds what the engine
 * lacks: literals removed from every statement text, slow statements flagged and N+1
 * patterns reported.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@ConditionalOnClass(name = "io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry")
@EnableConfigurationProperties(JdbcTracingProperties.class)
public final class JdbcTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "databaseSpanProcessorCustomizer")
	AutoConfigurationCustomizerProvider databaseSpanProcessorCustomizer(JdbcTracingProperties properties) {
		SlowStatementReporter slowStatements = properties.reportsSlowStatements()
				? new SlowStatementReporter(properties.slowQueryThreshold()) : null;
		RepeatedStatementDetector repeatedStatements = properties.detectsRepeatedStatements()
				? new RepeatedStatementDetector(properties.nPlusOneThreshold()) : null;
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				customizer.addTracerProviderCustomizer((builder, config) -> builder
					.addSpanProcessor(new DatabaseSpanProcessor(new StatementSanitizer(),
							EngineQuerySanitization.enabled(config), slowStatements, repeatedStatements)));
			}

		};
	}

}
