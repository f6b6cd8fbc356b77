package dev.tracing.boot;

import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.TracedApplication;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import jakarta.servlet.Filter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing switched off, by our property or by the standard variable, the application
 * runs as if the starter were absent: it serves requests, sends nothing, starts no exporter
 * thread and registers no tracing filter or customizer.
 */
class TracingDisabledEndToEndTests {

	@ParameterizedTest
	@ValueSource(strings = { "property", "environment" })
	void disabledTracingSendsNothingAndRunsNothing(String switchedOffBy) throws InterruptedException {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			Map<String, String> properties = Map.of("tracing.exporter.endpoint", receiver.httpEndpoint());
			Map<String, String> environment = Map.of();
			if (switchedOffBy.equals("property")) {
				properties = Map.of("tracing.exporter.endpoint", receiver.httpEndpoint(), "tracing.enabled", "false");
			}
			else {
				environment = Map.of("OTEL_SDK_DISABLED", "true");
			}
			try (ConfigurableApplicationContext app = TracedApplication.run(properties, environment)) {
				HttpCalls http = new HttpCalls(app);
				for (int i = 0; i < 5; i++) {
					assertThat(http.get("/api/orders/" + i).statusCode()).isEqualTo(200);
				}
				assertThat(app.getBean(OpenTelemetry.class)).isSameAs(OpenTelemetry.noop());
				assertThat(app.getBeansOfType(AutoConfiguredOpenTelemetrySdk.class)).isEmpty();
				assertThat(app.getBeansOfType(AutoConfigurationCustomizerProvider.class)).isEmpty();
				assertThat(app.getBeansOfType(Tracer.class)).isEmpty();
				assertThat(app.getBeansOfType(Filter.class).keySet()).noneMatch((name) -> name.startsWith("otel"));
				assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
					.noneMatch((name) -> name.startsWith("BatchSpanProcessor"));
				Thread.sleep(500);
				assertThat(receiver.requestCount("/v1/traces")).isZero();
			}
		}
	}

}
