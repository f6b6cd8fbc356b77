package dev.tracing.boot.jdbc;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.pipeline.SamplingRule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * SQL statements. The engine wraps every {@code DataSource} bean and makes one client span
 * per statement; parameter capture and the SQL commenter are engine settings (see
 * {@link JdbcEngineSettings}). This configuration adds what the engine
 * lacks: literals removed from every statement text, slow statements flagged, N+1
 * patterns reported, and no stray trace for each statement run while the application starts.
 */
@AutoConfiguration(before = dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnClass(name = "io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry")
@EnableConfigurationProperties(JdbcTracingProperties.class)
public final class JdbcTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseSpanProcessor databaseSpanProcessor(JdbcTracingProperties properties, Environment environment) {
		SlowStatementReporter slowStatements = properties.reportsSlowStatements()
				? new SlowStatementReporter(properties.slowQueryThreshold()) : null;
		RepeatedStatementDetector repeatedStatements = properties.detectsRepeatedStatements()
				? new RepeatedStatementDetector(properties.nPlusOneThreshold()) : null;
		return new DatabaseSpanProcessor(new StatementSanitizer(), EngineQuerySanitization.enabled(environment),
				slowStatements, repeatedStatements);
	}

	@Bean
	@Order(SamplingRule.STARTUP_STATEMENTS)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "tracing.jdbc.trace-startup-statements", havingValue = false,
			matchIfMissing = true)
	StartupStatements startupStatements() {
		return new StartupStatements();
	}

}
