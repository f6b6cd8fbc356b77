package dev.tracing.boot.engine;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grep <trace id>} over the console output finds the request: a line logged while
 * the request is handled carries its trace id and the id of the span current at the time, in
 * Spring Boot's default console pattern, with no logging configuration in the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogCorrelationEndToEndTests {

	@Test
	void logLineWrittenDuringARequestCarriesItsTraceAndSpanIds(CapturedOutput output) {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication
					.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint()), Logging.class)) {
			assertThat(new HttpCalls(app).get("/logging/checkout").statusCode()).isEqualTo(200);

			ReceivedSpan request = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
					&& "/logging/checkout".equals(span.attribute("url.path")));
			List<String> lines = output.getOut().lines().filter((line) -> line.contains("checking out cart 17")).toList();
			assertThat(lines).singleElement()
				.asString()
				.contains("[" + request.traceId() + "-" + request.spanId() + "] ");
			List<String> grepped = output.getOut().lines().filter((line) -> line.contains(request.traceId())).toList();
			assertThat(grepped).anyMatch((line) -> line.contains("checking out cart 17"));
		}
	}

	@Test
	void patternFollowsTheConfiguredMdcKeys() {
		StandardEnvironment environment = environment(Map.of("otel.instrumentation.common.logging.trace-id-key",
				"traceId", "otel.instrumentation.common.logging.span-id-key", "spanId"));
		assertThat(environment.getProperty("logging.pattern.correlation"))
			.isEqualTo("%correlationId{traceId(32),spanId(16)}");
	}

	@Test
	void noPatternWithoutTheMdcAppender() {
		StandardEnvironment environment = environment(Map.of("otel.instrumentation.logback-mdc.enabled", "false"));
		assertThat(environment.getProperty("logging.pattern.correlation")).isNull();
	}

	@Test
	void applicationsOwnPatternWins() {
		StandardEnvironment environment = environment(Map.of("logging.pattern.correlation", "[%X{trace_id}] "));
		assertThat(environment.getProperty("logging.pattern.correlation")).isEqualTo("[%X{trace_id}] ");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		EngineSettingsFixture.apply(environment);
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	@Import(CheckoutController.class)
	static class Logging {

	}

	@RestController
	static class CheckoutController {

		private static final Log logger = LogFactory.getLog(CheckoutController.class);

		@GetMapping("/logging/checkout")
		String checkout() {
			logger.info("checking out cart 17");
			return "ok";
		}

	}

}
