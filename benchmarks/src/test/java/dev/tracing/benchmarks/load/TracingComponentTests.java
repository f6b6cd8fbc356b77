package dev.tracing.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TracingComponent}: stacks as flight recordings show them, the running
 * method first.
 */
class TracingComponentTests {

	private static final String REQUEST_THREAD = "http-nio-8080-exec-3";

	private static final String FILTER = "io.opentelemetry.instrumentation.spring.webmvc.v6_0.WebMvcTelemetryProducingFilter";

	private static final String INSTRUMENTER = "io.opentelemetry.instrumentation.api.instrumenter.Instrumenter";

	@Test
	void attributeBuildingIsChargedToTheSdkThroughTheJdkAndTheApi() {
		assertThat(charge(REQUEST_THREAD, "java.util.HashMap", "io.opentelemetry.api.common.ArrayBackedAttributesBuilder",
				"io.opentelemetry.sdk.trace.SdkSpanBuilder", INSTRUMENTER, FILTER, "org.apache.catalina.core.ApplicationFilterChain"))
			.isEqualTo(new TracingComponent.Charge(TracingComponent.SDK_SPAN, 2));
	}

	@Test
	void theInstrumenterIsChargedToTheInstrumentationThatCalledIt() {
		assertThat(component(REQUEST_THREAD, INSTRUMENTER, FILTER)).isEqualTo(TracingComponent.SERVLET);
		assertThat(component(REQUEST_THREAD, "io.opentelemetry.api.common.ArrayBackedAttributesBuilder",
				"io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlClientAttributesExtractor", INSTRUMENTER,
				"io.opentelemetry.instrumentation.jdbc.internal.OpenTelemetryPreparedStatement",
				"org.hibernate.engine.jdbc.internal.ResultSetReturnImpl", FILTER))
			.isEqualTo(TracingComponent.JDBC);
		assertThat(component(REQUEST_THREAD, "io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor",
				INSTRUMENTER, FILTER))
			.isEqualTo(TracingComponent.SERVLET);
	}

	@Test
	void sqlSanitizingIsChargedBeforeTheJdbcWrapperThatCallsIt() {
		assertThat(component(REQUEST_THREAD, "java.lang.String",
				"io.opentelemetry.instrumentation.api.incubator.semconv.db.AutoSqlSanitizer",
				"io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlQueryAnalyzer",
				"io.opentelemetry.instrumentation.jdbc.internal.OpenTelemetryConnection"))
			.isEqualTo(TracingComponent.SQL_SANITIZING);
	}

	@Test
	void applicationCodeAboveTheFilterIsNotTracing() {
		assertThat(component(REQUEST_THREAD, "java.lang.StringBuilder", "tools.jackson.databind.ser.BeanSerializer",
				"dev.tracing.sample.order.OrderController", "org.springframework.web.servlet.DispatcherServlet", FILTER,
				"dev.tracing.boot.web.SomeFilterOfOurs"))
			.isEqualTo(TracingComponent.NOT_TRACING);
		assertThat(component(REQUEST_THREAD, "java.lang.Thread")).isEqualTo(TracingComponent.NOT_TRACING);
		assertThat(component(REQUEST_THREAD)).isEqualTo(TracingComponent.NOT_TRACING);
	}

	@Test
	void ourStarterMicrometerAndContextAreChargedToThemselves() {
		assertThat(component(REQUEST_THREAD, "java.util.regex.Matcher", "dev.tracing.boot.sampling.ExcludedUrlSampler",
				"io.opentelemetry.sdk.trace.SdkSpanBuilder"))
			.isEqualTo(TracingComponent.STARTER);
		assertThat(component(REQUEST_THREAD, "io.micrometer.observation.SimpleObservation",
				"org.springframework.web.filter.ServerHttpObservationFilter"))
			.isEqualTo(TracingComponent.MICROMETER);
		assertThat(component(REQUEST_THREAD, "org.springframework.http.server.observation.DefaultServerRequestObservationConvention",
				"org.springframework.web.filter.ServerHttpObservationFilter"))
			.isEqualTo(TracingComponent.MICROMETER);
		assertThat(component(REQUEST_THREAD, "java.lang.ThreadLocal", "io.opentelemetry.context.ThreadLocalContextStorage",
				"io.opentelemetry.api.trace.Span", "dev.tracing.sample.order.payment.PaymentService"))
			.isEqualTo(TracingComponent.CONTEXT_MDC);
	}

	@Test
	void theApiCalledFromTheApplicationIsSharedCode() {
		assertThat(component(REQUEST_THREAD, "io.opentelemetry.api.common.AttributeKey",
				"dev.tracing.sample.order.payment.PaymentService"))
			.isEqualTo(TracingComponent.OPENTELEMETRY_OTHER);
	}

	@Test
	void queueingOnTheRequestThreadAndTheExportThreadAreApart() {
		assertThat(component(REQUEST_THREAD, "java.util.concurrent.ArrayBlockingQueue",
				"io.opentelemetry.sdk.trace.export.BatchSpanProcessor", "io.opentelemetry.sdk.trace.SdkSpan", FILTER))
			.isEqualTo(TracingComponent.EXPORT_QUEUE);
		String exportThread = "BatchSpanProcessor_WorkerThread-1";
		assertThat(component(exportThread, "java.net.SocketOutputStream", "okio.OutputStreamSink", "okhttp3.internal.http.CallServerInterceptor",
				"io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSender"))
			.isEqualTo(TracingComponent.EXPORT_THREAD);
		assertThat(component(exportThread, "io.opentelemetry.sdk.trace.SdkSpan", "io.opentelemetry.sdk.trace.export.BatchSpanProcessor"))
			.isEqualTo(TracingComponent.EXPORT_THREAD);
		assertThat(component(exportThread, "java.lang.Thread")).isEqualTo(TracingComponent.EXPORT_THREAD);
		assertThat(component("OkHttp http://127.0.0.1:4318/...", "okio.RealBufferedSource")).isEqualTo(TracingComponent.EXPORT_THREAD);
		// Our exporter chain (masking) runs on the export thread and stays ours.
		assertThat(component(exportThread, "java.lang.String", "dev.tracing.boot.redaction.RedactingSpanExporter",
				"io.opentelemetry.sdk.trace.export.BatchSpanProcessor"))
			.isEqualTo(TracingComponent.STARTER);
	}

	@Test
	void theAgentsShadedAndOwnClassesLandInTheSameRows() {
		String shaded = "io.opentelemetry.javaagent.shaded.";
		assertThat(component(REQUEST_THREAD, shaded + "io.opentelemetry.api.common.ArrayBackedAttributesBuilder",
				shaded + "instrumentation.api.instrumenter.Instrumenter",
				"io.opentelemetry.javaagent.instrumentation.tomcat.v10_0.Tomcat10Helper", "org.apache.coyote.AbstractProcessorLight"))
			.isEqualTo(TracingComponent.SERVLET);
		assertThat(component(REQUEST_THREAD, shaded + "instrumentation.jdbc.internal.OpenTelemetryPreparedStatement"))
			.isEqualTo(TracingComponent.JDBC);
		assertThat(component(REQUEST_THREAD, shaded + "io.opentelemetry.context.ThreadLocalContextStorage"))
			.isEqualTo(TracingComponent.CONTEXT_MDC);
		assertThat(component(REQUEST_THREAD, "io.opentelemetry.javaagent.bootstrap.Java8BytecodeBridge"))
			.isEqualTo(TracingComponent.CONTEXT_MDC);
		assertThat(component(REQUEST_THREAD, "io.opentelemetry.javaagent.instrumentation.spring.webmvc.v6_0.SpringWebMvcServerSpanNaming"))
			.isEqualTo(TracingComponent.SERVLET);
		assertThat(component(REQUEST_THREAD, shaded + "instrumentation.api.instrumenter.Instrumenter",
				"io.opentelemetry.javaagent.instrumentation.hibernate.v6_0.SessionInstrumentation"))
			.isEqualTo(TracingComponent.OTHER_INSTRUMENTATION);
		assertThat(component(REQUEST_THREAD, "io.opentelemetry.sdk.trace.SdkSpan",
				"io.opentelemetry.javaagent.instrumentation.opentelemetryapi.trace.ApplicationSpan"))
			.isEqualTo(TracingComponent.SDK_SPAN);
		assertThat(component(REQUEST_THREAD, shaded + "net.bytebuddy.pool.TypePool"))
			.isEqualTo(TracingComponent.OTHER_INSTRUMENTATION);
	}

	@Test
	void theChargeNamesTheDecidingFrame() {
		assertThat(charge(REQUEST_THREAD, "java.util.HashMap", INSTRUMENTER, FILTER).frame()).isEqualTo(2);
		assertThat(charge("BatchSpanProcessor_WorkerThread-1", "java.lang.Object",
				"io.opentelemetry.api.common.ArrayBackedAttributes", "java.lang.Thread"))
			.isEqualTo(new TracingComponent.Charge(TracingComponent.EXPORT_THREAD, 1));
	}

	private static TracingComponent component(String thread, String... frames) {
		return TracingComponent.of(thread, List.of(frames));
	}

	private static TracingComponent.Charge charge(String thread, String... frames) {
		return TracingComponent.charge(thread, List.of(frames));
	}

}
