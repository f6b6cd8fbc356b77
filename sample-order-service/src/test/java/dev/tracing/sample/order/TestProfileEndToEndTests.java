package dev.tracing.sample.order;

import java.util.Map;

import dev.tracing.boot.testsupport.OtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test profile (the guide's TestingConfig) for users' own tests: the service works on
 * its in-memory database with tracing off, even when the environment names a collector.
 */
class TestProfileEndToEndTests {

	@Test
	void serviceWorksWithTracingOffAndNothingIsExported() {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = SampleApplication.run("test", Map.of(),
						Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.httpEndpoint()))) {
			Api api = new Api(app);
			Api.Response created = api.post("/api/orders", "{\"product_name\":\"Widget\",\"amount\":\"99.99\"}");
			assertThat(created.status()).isEqualTo(201);
			long id = created.json().get("id").asLong();
			assertThat(api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal).get("status").asString())
				.isEqualTo("processed");
			assertThat(api.get("/api/orders/analytics").status()).isEqualTo(200);

			assertThat(app.getBeansOfType(AutoConfiguredOpenTelemetrySdk.class)).isEmpty();
			assertThat(app.getBean(OpenTelemetry.class)).isNotInstanceOf(OpenTelemetrySdk.class);
			app.close();
			assertThat(receiver.traceRequests()).isEmpty();
		}
	}

}
