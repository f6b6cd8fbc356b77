package dev.tracing.boot;

import java.util.Map;

import dev.tracing.boot.testsupport.TracedApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TracingStartupReportTests {

	@Test
	void logsTheEffectiveConfigurationOnceWithSecretsMasked(CapturedOutput output) {
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.service-name", "order-service",
				"tracing.exporter.endpoint", "http://collector.internal:4317",
				"tracing.exporter.protocol", "grpc",
				"tracing.exporter.headers.authorization", "Bearer top-secret-token",
				"tracing.sampling.ratio", "0.1",
				"tracing.web.excluded-urls", "/health"))) {
			assertThat(output.getOut().split("Tracing on:", -1)).hasSize(2);
			String line = output.getOut().lines().filter((l) -> l.contains("Tracing on:")).findFirst().orElseThrow();
			assertThat(line).contains("Tracing on: service order-service; sampling: ")
				.contains("URLs matching /health are not traced")
				.contains("otherwise 10% of new traces (callers' decisions followed)")
				.contains("export: OTLP grpc to http://collector.internal:4317 with headers authorization")
				.doesNotContain("top-secret-token", "TraceIdRatioBased", "ParentBased");
		}
	}

}
