package dev.tracing.boot.actuate;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

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
	void describesTheExportWithHeaderValuesAndSecretsMasked() {
		DefaultConfigProperties config = DefaultConfigProperties.createFromMap(Map.of("otel.service.name", "orders",
				"otel.traces.exporter", "otlp,tracing-viewer", "otel.exporter.otlp.endpoint",
				"https://user:pw@collector.example:4318", "otel.exporter.otlp.headers", "x-api-key=abc123,tenant=t1",
				"otel.exporter.otlp.compression", "gzip", "otel.bsp.schedule.delay", "5000"));
		MockEnvironment environment = new MockEnvironment().withProperty("tracing.exporter.headers.authorization",
				"Bearer xyz");
		Resource resource = Resource.create(Attributes.builder()
			.put("service.name", "orders")
			.put("db.password", "pw")
			.put("process.command_args", "java", "-Dspring.datasource.password=pw", "-jar", "app.jar")
			.build());

		Map<String, Object> description = new EffectiveConfiguration(config, environment).describe("AlwaysOnSampler",
				resource);

		assertThat(description.toString()).doesNotContain("abc123", "Bearer xyz", ":pw@", "=pw");
		assertThat(description).containsEntry("serviceName", "orders")
			.containsEntry("exporters", List.of("otlp", "tracing-viewer"));
		assertThat(description.get("otlp")).asInstanceOf(MAP)
			.containsEntry("endpoint", "https://user:******@collector.example:4318/v1/traces")
			.containsEntry("protocol", "http/protobuf")
			.containsEntry("compression", "gzip")
			.containsEntry("headers", Map.of("authorization", "******", "tenant", "******", "x-api-key", "******"));
		assertThat(description.get("resource")).asInstanceOf(MAP)
			.containsEntry("service.name", "orders")
			.containsEntry("db.password", "******")
			.doesNotContainKey("process.command_args");
		assertThat(description.get("batch")).asInstanceOf(MAP).containsEntry("scheduleDelay", "5000");
		assertThat(description.get("sampling")).asInstanceOf(MAP).containsEntry("sampler", "AlwaysOnSampler");
	}

	@Test
	void leavesOtlpOutWhenItIsNotAnExporter() {
		DefaultConfigProperties config = DefaultConfigProperties
			.createFromMap(Map.of("otel.traces.exporter", "tracing-viewer"));
		Map<String, Object> description = new EffectiveConfiguration(config, new MockEnvironment()).describe("s",
				null);
		assertThat(description).doesNotContainKey("otlp").containsEntry("exporters", List.of("tracing-viewer"));
	}

}
