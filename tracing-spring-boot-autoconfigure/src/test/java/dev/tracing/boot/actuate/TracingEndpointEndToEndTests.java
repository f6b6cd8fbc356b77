package dev.tracing.boot.actuate;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.TracedApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.tracing.boot.actuate.ActuatorClient.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The {@code tracing} actuator endpoint and health contributor of a real application that
 * exports to a real OTLP receiver and runs the viewer beside it: the counts match what the
 * receiver got, the viewer's own exports are not counted, the export header's secret never
 * shows, and with the opt-in the health contributor goes DOWN while the collector fails and
 * UP again when it recovers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingEndpointEndToEndTests {

	private static final String SECRET = "s3cr3t-token-value";

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext app;

	private HttpCalls http;

	private ActuatorClient actuator;

	@BeforeAll
	void start() {
		this.receiver = OtlpReceiver.start();
		this.app = TracedApplication.run(Map.of("tracing.exporter.endpoint", this.receiver.httpEndpoint(),
				"tracing.exporter.headers.authorization", "Bearer " + SECRET, "tracing.viewer.enabled", "true",
				"tracing.web.excluded-urls", "/actuator", "tracing.health.down-on-export-failure", "true",
				"management.endpoints.web.exposure.include", "tracing,health",
				"management.endpoint.health.show-details", "always"));
		this.http = new HttpCalls(this.app);
		this.actuator = new ActuatorClient(this.http);
	}

	@AfterAll
	void stop() {
		this.app.close();
		this.receiver.close();
	}

	@Test
	@Order(1)
	void countsWhatTheCollectorReceivedAndMasksSecrets() {
		for (int i = 1; i <= 3; i++) {
			assertThat(this.http.get("/api/orders/" + i).statusCode()).isEqualTo(200);
		}
		this.http.flushSpans();
		this.receiver.awaitSpans((span) -> true, 6);

		HttpResponse<String> response = this.actuator.get("/actuator/tracing");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(SECRET);
		Map<String, Object> tracing = ActuatorClient.parse(response.body());
		@SuppressWarnings("unchecked")
		Map<String, Object> export = (Map<String, Object>) tracing.get("export");
		assertThat(number(export, "spansExported")).isEqualTo(this.receiver.spans().size()).isEqualTo(6);
		assertThat(number(export, "exports")).isEqualTo(this.receiver.requestCount("/v1/traces"));
		assertThat(number(export, "failedExports")).isZero();
		assertThat(number(export, "spansDropped")).isZero();
		assertThat(number(export, "queueDepth")).isZero();
		assertThat(export.get("lastError")).isNull();
		assertThat(Instant.parse((String) export.get("lastSuccessAt"))).isBeforeOrEqualTo(Instant.now());

		assertThat(tracing.get("configuration")).asInstanceOf(MAP).satisfies((configuration) -> {
			assertThat(configuration.get("exporters")).isEqualTo(List.of("otlp", "traceStoreExporter"));
			assertThat(configuration.get("otlp")).asInstanceOf(MAP)
				.containsEntry("endpoint", this.receiver.httpEndpoint() + "/v1/traces")
				.containsEntry("protocol", "http/protobuf")
				.containsEntry("headers", Map.of("authorization", "******"));
			assertThat(configuration.get("sampling")).asInstanceOf(MAP)
				.hasEntrySatisfying("sampler", (sampler) -> assertThat((String) sampler).contains("ParentBased"));
			assertThat(configuration.get("batch")).asInstanceOf(MAP).containsEntry("scheduleDelay", "PT0.1S");
			assertThat(configuration.get("resource")).asInstanceOf(MAP).containsKey("service.name")
				.doesNotContainKey("process.command_args");
		});
		assertThat(tracing.get("viewer")).asInstanceOf(MAP)
			.containsEntry("path", "/tracing")
			.containsEntry("spans", 6)
			.containsEntry("maxTraces", 500);

		Map<String, Object> health = ActuatorClient.parse(this.actuator.get("/actuator/health").body());
		assertThat(health).extractingByKey("components").asInstanceOf(MAP).extractingByKey("tracing").asInstanceOf(MAP)
			.containsEntry("status", "UP")
			.extractingByKey("details")
			.asInstanceOf(MAP)
			.containsEntry("exporting", true)
			.containsEntry("spansExported", 6);
	}

	@Test
	@Order(2)
	void reportsFailedExportsAndGoesDownOnlyWhileTheCollectorFails() {
		this.receiver.respondWith(500);
		assertThat(this.http.get("/api/orders/10").statusCode()).isEqualTo(200);
		this.http.flushSpans();
		Map<String, Object> export = this.actuator.awaitExport((e) -> number(e, "failedExports") > 0,
				"a failed export");
		assertThat(number(export, "spansFailed")).isEqualTo(2);
		assertThat((String) export.get("lastError")).contains("500");
		assertThat(Instant.parse((String) export.get("lastErrorAt")))
			.isAfter(Instant.parse((String) export.get("lastSuccessAt")));

		HttpResponse<String> down = this.actuator.get("/actuator/health");
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(ActuatorClient.parse(down.body())).extractingByKey("components").asInstanceOf(MAP)
			.extractingByKey("tracing").asInstanceOf(MAP)
			.containsEntry("status", "DOWN");

		this.receiver.respondWith(200);
		assertThat(this.http.get("/api/orders/11").statusCode()).isEqualTo(200);
		this.http.flushSpans();
		this.actuator.awaitExport((e) -> number(e, "spansExported") == 8, "the export after recovery");
		HttpResponse<String> up = this.actuator.get("/actuator/health");
		assertThat(up.statusCode()).isEqualTo(200);
		assertThat(ActuatorClient.parse(up.body())).extractingByKey("components").asInstanceOf(MAP)
			.extractingByKey("tracing").asInstanceOf(MAP)
			.containsEntry("status", "UP");
	}

}
