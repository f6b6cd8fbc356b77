package dev.tracing.boot.export;

import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans leave the process over a real socket and arrive at a real OTLP receiver, with the
 * resource, headers and protocol the configuration asks for.
 */
class OtlpExportEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void resetReceiver() {
		receiver.reset();
	}

	@Test
	void httpProtobufExportCarriesResourceAndAuthorizationHeader() {
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.httpEndpoint(),
				"tracing.exporter.headers.authorization", "Bearer s3cret-key",
				"tracing.exporter.compression", "gzip",
				"tracing.service-name", "order-service",
				"tracing.service-version", "1.2.3",
				"tracing.environment", "staging",
				"tracing.resource-attributes.k8s.cluster.name", "prod-eu"))) {
			new HttpCalls(app).get("/api/orders/7");
			ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER);
			assertThat(server.name()).isEqualTo("GET /api/orders/{id}");
			assertThat(server.resourceAttribute("service.name")).isEqualTo("order-service");
			assertThat(server.resourceAttribute("service.version")).isEqualTo("1.2.3");
			assertThat(server.resourceAttribute("deployment.environment.name")).isEqualTo("staging");
			assertThat(server.resourceAttribute("k8s.cluster.name")).isEqualTo("prod-eu");
			assertThat(receiver.traceRequestHeaders()).first()
				.satisfies((headers) -> {
					assertThat(headers).containsEntry("authorization", "Bearer s3cret-key");
					assertThat(headers).containsEntry("content-encoding", "gzip");
				});
		}
	}

	@Test
	void grpcExportWorks() {
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.grpcEndpoint(),
				"tracing.exporter.protocol", "grpc",
				"tracing.exporter.headers.authorization", "Bearer grpc-key",
				"tracing.service-name", "grpc-service"))) {
			new HttpCalls(app).get("/api/orders/8");
			ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER);
			assertThat(server.resourceAttribute("service.name")).isEqualTo("grpc-service");
			assertThat(receiver.requestCount("grpc:traces")).isPositive();
			assertThat(receiver.requestCount("/v1/traces")).isZero();
			assertThat(receiver.traceRequestHeaders()).first()
				.satisfies((headers) -> assertThat(headers).containsEntry("authorization", "Bearer grpc-key"));
		}
	}

	@Test
	void checklyDeploymentWithOnlyStandardVariablesWorksUnchanged() {
		Map<String, String> environment = Map.of(
				"OTEL_EXPORTER_OTLP_ENDPOINT", receiver.grpcEndpoint(),
				"OTEL_EXPORTER_OTLP_HEADERS", "authorization=checkly-api-key",
				"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
				"OTEL_SERVICE_NAME", "checkly-flask-port");
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(), environment)) {
			new HttpCalls(app).get("/api/orders/9");
			ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER);
			assertThat(server.resourceAttribute("service.name")).isEqualTo("checkly-flask-port");
			assertThat(receiver.requestCount("grpc:traces")).isPositive();
			assertThat(receiver.traceRequestHeaders()).first()
				.satisfies((headers) -> assertThat(headers).containsEntry("authorization", "checkly-api-key"));
		}
	}

	@Test
	void standardVariablesWinOverTracingProperties() {
		Map<String, String> environment = Map.of("OTEL_SERVICE_NAME", "from-environment",
				"OTEL_EXPORTER_OTLP_HEADERS", "authorization=from-environment");
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.httpEndpoint(),
				"tracing.exporter.headers.authorization", "from-properties",
				"tracing.service-name", "from-properties"), environment)) {
			new HttpCalls(app).get("/api/orders/10");
			ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER);
			assertThat(server.resourceAttribute("service.name")).isEqualTo("from-environment");
			assertThat(receiver.traceRequestHeaders()).first()
				.satisfies((headers) -> assertThat(headers).containsEntry("authorization", "from-environment"));
		}
	}

	@Test
	void metricsAndLogsAreNotExportedUnlessSwitchedOn() throws InterruptedException {
		Map<String, String> fastMetrics = Map.of("tracing.exporter.endpoint", receiver.httpEndpoint(),
				"otel.metric.export.interval", "200", "otel.blrp.schedule.delay", "200");
		try (ConfigurableApplicationContext app = TracedApplication.run(fastMetrics)) {
			new HttpCalls(app).get("/api/orders/11");
			receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER);
			Thread.sleep(1000);
			assertThat(receiver.requestCount("/v1/metrics")).isZero();
			assertThat(receiver.requestCount("/v1/logs")).isZero();
		}
		receiver.reset();
		Map<String, String> metricsOn = new java.util.HashMap<>(fastMetrics);
		metricsOn.put("tracing.metrics.enabled", "true");
		try (ConfigurableApplicationContext app = TracedApplication.run(metricsOn)) {
			new HttpCalls(app).get("/api/orders/12");
			long deadline = System.currentTimeMillis() + 10_000;
			while (receiver.requestCount("/v1/metrics") == 0 && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
			}
			assertThat(receiver.requestCount("/v1/metrics")).isPositive();
		}
	}

}
