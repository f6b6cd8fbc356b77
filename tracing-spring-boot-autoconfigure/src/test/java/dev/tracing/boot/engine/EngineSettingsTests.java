package dev.tracing.boot.engine;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each {@code tracing.*} property, and each default, reaches the engine as
 * {@code otel.*}.
 */
class EngineSettingsTests {

	private final MockEnvironment environment = new MockEnvironment();

	private Map<String, Object> settings() {
		return EngineSettingsFixture.defaults(this.environment);
	}

	@Test
	void defaults() {
		assertThat(settings()).containsEntry("otel.traces.exporter", "otlp")
			.containsEntry("otel.metrics.exporter", "none")
			.containsEntry("otel.logs.exporter", "none")
			.containsEntry("otel.instrumentation.logback-appender.enabled", "false")
			.containsEntry("otel.instrumentation.runtime-telemetry.enabled", "false")
			.containsEntry("otel.traces.sampler", "parentbased_traceidratio")
			.containsEntry("otel.traces.sampler.arg", "1.0")
			.containsEntry("otel.exporter.otlp.timeout", "10000")
			.containsEntry("otel.exporter.otlp.compression", "none")
			.containsEntry("otel.bsp.max.queue.size", "2048")
			.containsEntry("otel.bsp.max.export.batch.size", "512")
			.containsEntry("otel.bsp.schedule.delay", "5000")
			.containsEntry("otel.bsp.export.timeout", "30000")
			.doesNotContainKeys("otel.sdk.disabled", "otel.service.name", "otel.exporter.otlp.endpoint",
					"otel.exporter.otlp.traces.protocol", "otel.instrumentation.http.server.capture-request-headers");
	}

	@Test
	void disabledTracingOnlyDisablesTheSdk() {
		this.environment.setProperty("tracing.enabled", "false");
		this.environment.setProperty("tracing.service-name", "ignored");
		assertThat(settings()).containsExactly(Map.entry("otel.sdk.disabled", "true"));
	}

	@Test
	void resource() {
		this.environment.setProperty("tracing.service-name", "order-service");
		this.environment.setProperty("tracing.service-version", "1.0.0");
		this.environment.setProperty("tracing.environment", "production");
		this.environment.setProperty("tracing.resource-attributes.k8s.cluster.name", "prod");
		assertThat(settings()).containsEntry("otel.service.name", "order-service")
			.containsEntry("otel.resource.attributes[service.version]", "1.0.0")
			.containsEntry("otel.resource.attributes[deployment.environment.name]", "production")
			.containsEntry("otel.resource.attributes[k8s.cluster.name]", "prod");
	}

	@Test
	void exporter() {
		this.environment.setProperty("tracing.exporter.endpoint", "https://collector:4317");
		this.environment.setProperty("tracing.exporter.protocol", "grpc");
		this.environment.setProperty("tracing.exporter.timeout", "3s");
		this.environment.setProperty("tracing.exporter.compression", "gzip");
		assertThat(settings()).containsEntry("otel.exporter.otlp.endpoint", "https://collector:4317")
			.containsEntry("otel.exporter.otlp.traces.protocol", "grpc")
			.containsEntry("otel.exporter.otlp.timeout", "3000")
			.containsEntry("otel.exporter.otlp.compression", "gzip");
	}

	@Test
	void protocolFromStandardVariableIsLeftAlone() {
		this.environment.setProperty("tracing.exporter.protocol", "http/protobuf");
		this.environment.setProperty("otel.exporter.otlp.protocol", "grpc");
		assertThat(settings()).doesNotContainKey("otel.exporter.otlp.traces.protocol");
	}

	@Test
	void exporterTypes() {
		this.environment.setProperty("tracing.exporter.type", "logging");
		assertThat(settings()).containsEntry("otel.traces.exporter", "logging");
		this.environment.setProperty("tracing.exporter.type", "none");
		assertThat(settings()).containsEntry("otel.traces.exporter", "none");
	}

	@Test
	void anOtlpEndpointSetAnywhereAddsOtlpExport() {
		this.environment.setProperty("tracing.exporter.type", "logging");
		this.environment.setProperty("tracing.exporter.endpoint", "http://collector:4318");
		assertThat(settings()).containsEntry("otel.traces.exporter", "logging,otlp");

		MockEnvironment fromVariable = new MockEnvironment().withProperty("tracing.exporter.type", "none")
			.withProperty("otel.exporter.otlp.endpoint", "http://collector:4318");
		assertThat(EngineSettingsFixture.defaults(fromVariable)).containsEntry("otel.traces.exporter", "otlp");
	}

	@Test
	void metricsAndLogsCanBeSwitchedOn() {
		this.environment.setProperty("tracing.metrics.enabled", "true");
		this.environment.setProperty("tracing.logs.enabled", "true");
		assertThat(settings()).doesNotContainKeys("otel.metrics.exporter", "otel.logs.exporter",
				"otel.instrumentation.logback-appender.enabled", "otel.instrumentation.runtime-telemetry.enabled");
	}

	@Test
	void batch() {
		this.environment.setProperty("tracing.batch.max-queue-size", "4096");
		this.environment.setProperty("tracing.batch.max-export-batch-size", "1024");
		this.environment.setProperty("tracing.batch.schedule-delay", "1s");
		this.environment.setProperty("tracing.batch.export-timeout", "10s");
		assertThat(settings()).containsEntry("otel.bsp.max.queue.size", "4096")
			.containsEntry("otel.bsp.max.export.batch.size", "1024")
			.containsEntry("otel.bsp.schedule.delay", "1000")
			.containsEntry("otel.bsp.export.timeout", "10000");
	}

	@Test
	void sampling() {
		this.environment.setProperty("tracing.sampling.ratio", "0.1");
		this.environment.setProperty("tracing.sampling.parent-based", "false");
		assertThat(settings()).containsEntry("otel.traces.sampler", "traceidratio")
			.containsEntry("otel.traces.sampler.arg", "0.1");
	}

	@Test
	void headerRuleHeadersAreCapturedForTheSampler() {
		this.environment.setProperty("tracing.sampling.header-rules[0].header", "TraceState");
		this.environment.setProperty("tracing.sampling.header-rules[0].value", "checkly=true");
		this.environment.setProperty("tracing.sampling.header-rules[1].header", "x-synthetic");
		this.environment.setProperty("tracing.sampling.header-rules[1].pattern", ".+");
		assertThat(settings()).containsEntry("otel.instrumentation.http.server.capture-request-headers",
				"tracestate,x-synthetic");
	}

	@Test
	void theEngineBuildsNoExporterOfItsOwnWhateverTheUserAsks() {
		this.environment.setProperty("otel.traces.exporter", "logging");
		assertThat(EngineSettingsFixture.overrides(this.environment)).containsEntry("otel.traces.exporter", "none");
		assertThat(EngineSettings.requested(this.environment, "otel.traces.exporter")).containsExactly("logging");
	}

	@Test
	void aDeclarativeConfigurationFileFailsStartUpNamingTheKey() {
		this.environment.setProperty("otel.file_format", "1.0");
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(dev.tracing.boot.InvalidTracingPropertyException.class)
			.isThrownBy(() -> EngineSettingsFixture.defaults(this.environment))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("otel.file_format"))
			.withMessageContaining("masking");
	}

	@Test
	void exporterLogsAreQuietedInFavourOfOurReport() {
		assertThat(settings()).containsEntry("logging.level.io.opentelemetry.exporter.otlp.internal.HttpExporter", "OFF")
			.containsEntry("logging.level.io.opentelemetry.exporter.otlp.internal.GrpcExporter", "OFF");
	}

}
