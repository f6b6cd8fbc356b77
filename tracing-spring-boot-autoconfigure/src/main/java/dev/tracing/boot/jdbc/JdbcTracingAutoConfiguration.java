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
 * lacks: literals removed from every statement text, slow statements flagged, N+1
 * patterns reported, and no stray trace for each statement run while the application starts.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@ConditionalOnClass(name = "io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry")
@EnableConfigurationProperties(JdbcTracingProperties.class)
public final class JdbcTracingAutoConfiguration {

	/**
	 * Position among the SDK customizers: after the header rules, before URL exclusion. Both
	 * only drop spans, so the order shows in the sampler's description alone.
	 */
	static final int STARTUP_STATEMENTS_ORDER = 150;

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

	@Bean
	@ConditionalOnMissingBean
	StartupStatements startupStatements() {
		return new StartupStatements();
	}

	@Bean
	@ConditionalOnMissingBean(name = "startupStatementSamplerCustomizer")
	AutoConfigurationCustomizerProvider startupStatementSamplerCustomizer(JdbcTracingProperties properties,
			StartupStatements startupStatements) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				if (!properties.traceStartupStatements()) {
					customizer.addSamplerCustomizer(
							(configured, config) -> new StartupStatementSampler(startupStatements, configured));
				}
			}

			@Override
			public int order() {
				return STARTUP_STATEMENTS_ORDER;
			}

		};
	}

}
