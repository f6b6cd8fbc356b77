package dev.tracing.boot.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.export.OtlpSettings;
import dev.tracing.boot.pipeline.RuleBasedSampler;
import dev.tracing.boot.pipeline.TracingPipeline;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

class EffectiveConfigurationTests {

	@Test
	void masksCredentialsAndQueryValuesInUrls() {
		assertThat(EffectiveConfiguration.maskUrl("https://collector:4318/v1/traces"))
			.isEqualTo("https://collector:4318/v1/traces");
		assertThat(EffectiveConfiguration.maskUrl("https://user:hunter2@collector:4318/v1/traces"))
			.isEqualTo("https://user:******@collector:4318/v1/traces");
		assertThat(EffectiveConfiguration.maskUrl("https://token@collector/v1/traces"))
			.isEqualTo("https://******@collector/v1/traces");
		assertThat(EffectiveConfiguration.maskUrl("https://collector/v1/traces?api_key=abc&region=eu&flag"))
			.isEqualTo("https://collector/v1/traces?api_key=******&region=******&flag");
		assertThat(EffectiveConfiguration.maskUrl("not a url")).isEqualTo("******");
	}

	@Test
	void describesThePipelineWithHeaderValuesAndSecretsMasked() {
		OtlpSettings otlp = new OtlpSettings("https://user:pw@collector.example:4318/v1/traces", "http/protobuf",
				List.of("authorization", "tenant", "x-api-key"), "gzip", 10_000);
		Map<String, SpanExporter> destinations = new LinkedHashMap<>();
		destinations.put("otlp", SpanExporter.composite());
		destinations.put("traceStoreExporter", SpanExporter.composite());
		TracingPipeline.Assembly assembly = new TracingPipeline.Assembly(
				new RuleBasedSampler(List.of(), Sampler.parentBased(Sampler.traceIdRatioBased(0.25))), List.of(),
				new TracingPipeline.Batch(2048, 512, Duration.ofSeconds(5), Duration.ofSeconds(30)), List.of(),
				destinations, otlp);
		Resource resource = Resource.create(Attributes.builder()
			.put("service.name", "orders")
			.put("db.password", "pw")
			.build());

		Map<String, Object> description = new EffectiveConfiguration(assembly, resource, List.of()).describe();

		assertThat(description.toString()).doesNotContain(":pw@", "=pw");
		assertThat(description).containsEntry("serviceName", "orders")
			.containsEntry("exporters", List.of("otlp", "traceStoreExporter"))
			.containsEntry("propagators", List.of("tracecontext", "baggage"));
		assertThat(description.get("otlp")).asInstanceOf(MAP)
			.containsEntry("endpoint", "https://user:******@collector.example:4318/v1/traces")
			.containsEntry("protocol", "http/protobuf")
			.containsEntry("compression", "gzip")
			.containsEntry("timeout", "PT10S")
			.containsEntry("headers", Map.of("authorization", "******", "tenant", "******", "x-api-key", "******"));
		assertThat(description.get("resource")).asInstanceOf(MAP)
			.containsEntry("service.name", "orders")
			.containsEntry("db.password", "******");
		assertThat(description.get("batch")).asInstanceOf(MAP).containsEntry("scheduleDelay", "PT5S");
		assertThat(description.get("sampling")).asInstanceOf(MAP)
			.containsEntry("description", "25% of new traces (callers' decisions followed)");
	}

	@Test
	void leavesOtlpOutWhenItIsNotAnExporter() {
		TracingPipeline.Assembly assembly = new TracingPipeline.Assembly(Sampler.alwaysOn(), List.of(), null,
				List.of(), Map.of("traceStoreExporter", SpanExporter.composite()), null);
		Map<String, Object> description = new EffectiveConfiguration(assembly, null, List.of("b3")).describe();
		assertThat(description).doesNotContainKeys("otlp", "batch")
			.containsEntry("exporters", List.of("traceStoreExporter"))
			.containsEntry("propagators", List.of("b3"));
		assertThat(description.get("sampling")).asInstanceOf(MAP).containsEntry("description", "every trace");
	}

}
