package dev.tracing.sample.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.testsupport.OtlpReceiver;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.tracing.sample.order.SpanTree.server;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod profile as a container runs it, configured by environment variables only (the
 * OTLP endpoint from {@code OTEL_EXPORTER_OTLP_ENDPOINT}, Redis from
 * {@code SPRING_DATA_REDIS_*}): parent-based 10% sampling, gzip OTLP, probes not traced, and,
 * with Redis down, a readiness probe that names it while liveness stays up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionProfileEndToEndTests {

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext app;

	private Api api;

	@BeforeAll
	void start() {
		this.receiver = OtlpReceiver.start();
		this.app = SampleApplication.run("prod,redis", Map.of("tracing.batch.schedule-delay", "100ms"),
				Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", this.receiver.httpEndpoint(), "SPRING_DATA_REDIS_HOST",
						"127.0.0.1", "SPRING_DATA_REDIS_PORT", String.valueOf(closedPort())));
		this.api = new Api(this.app);
	}

	@AfterAll
	void stop() {
		this.app.close();
		this.receiver.close();
	}

	@Test
	void keepsTenPercentOfNewTracesAndFollowsTheCaller() {
		String sampler = tracerProvider().getSampler().getDescription();
		assertThat(sampler).contains("ParentBased{root:TraceIdRatioBased{0.100000}");
	}

	@Test
	void exportsGzippedOtlpToTheEndpointFromTheEnvironment() {
		Api.TraceParent trace = Api.newTrace();
		assertThat(this.api.get("/api/orders", trace.header()).status()).isEqualTo(200);
		flushSpans();

		this.receiver.awaitSpan((span) -> span.traceId().equals(trace.traceId()) && server("GET /api/orders").test(span));
		assertThat(this.receiver.traceRequestHeaders()).allSatisfy(
				(headers) -> assertThat(headers).containsEntry("content-encoding", "gzip"));
		assertThat(this.receiver.spans()).allSatisfy((span) -> {
			assertThat(span.resourceAttribute("deployment.environment.name")).isEqualTo("production");
			assertThat(span.resourceAttribute("service.name")).isEqualTo("order-service");
		});
	}

	@Test
	void probesAreNotTracedEvenWhenTheCallerSamples() {
		Api.TraceParent liveness = Api.newTrace();
		Api.TraceParent readiness = Api.newTrace();
		this.api.get("/health", liveness.header());
		this.api.get("/health/ready", readiness.header());
		Api.TraceParent marker = Api.newTrace();
		this.api.get("/api/orders", marker.header());
		flushSpans();

		this.receiver.awaitSpan((span) -> span.traceId().equals(marker.traceId()));
		assertThat(this.receiver.spans()).noneMatch((span) -> span.traceId().equals(liveness.traceId())
				|| span.traceId().equals(readiness.traceId()));
	}

	@Test
	void readinessNamesTheDependencyThatIsDownWhileLivenessStaysUp() {
		Api.Response live = this.api.get("/health");
		assertThat(live.status()).isEqualTo(200);
		assertThat(live.json().get("status").asString()).isEqualTo("healthy");

		Api.Response ready = this.api.get("/health/ready");
		assertThat(ready.status()).as(ready.body()).isEqualTo(503);
		JsonNode answer = ready.json();
		assertThat(answer.get("status").asString()).isEqualTo("not ready");
		assertThat(answer.get("failing").valueStream().map(JsonNode::asString)).containsExactly("redis");
		assertThat(answer.get("checks").get("database").asString()).isEqualTo("up");
		assertThat(answer.get("checks").get("redis").asString()).startsWith("down: ");
	}

	private SdkTracerProvider tracerProvider() {
		return this.app.getBean(AutoConfiguredOpenTelemetrySdk.class).getOpenTelemetrySdk().getSdkTracerProvider();
	}

	private void flushSpans() {
		tracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
