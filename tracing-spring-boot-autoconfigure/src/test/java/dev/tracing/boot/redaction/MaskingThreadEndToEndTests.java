package dev.tracing.boot.redaction;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masking costs the request nothing: it runs on the batch exporter's thread, never on the
 * thread that serves the request (the resource is masked once, at start-up). A user-supplied masker (which also proves the starter
 * backs off for it) records the threads it runs on.
 */
class MaskingThreadEndToEndTests {

	@Test
	void masksOnTheExporterThreadOnly() {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication.run(Map.of(
						"tracing.exporter.endpoint", receiver.httpEndpoint(),
						"spring.main.sources", ThreadRecordingMaskerConfiguration.class.getName()))) {
			ThreadRecordingMasker masker = app.getBean(ThreadRecordingMasker.class);
			// The resource is masked once, while the SDK is built on the starting thread.
			assertThat(masker.threads).containsExactly(Thread.currentThread().getName());
			masker.threads.clear();
			HttpCalls http = new HttpCalls(app);
			http.get("/privacy/customers/thread.check@example.com/orders");
			http.get("/api/orders/42");
			ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
					&& "/privacy/customers/{email}/orders".equals(span.attribute("http.route")));
			assertThat(server.attribute("url.path")).isEqualTo("/privacy/customers/***@***.**/orders");
			receiver.awaitSpans((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT, 1);
			assertThat(masker.threads).isNotEmpty()
				.allSatisfy((thread) -> assertThat(thread).startsWith("BatchSpanProcessor"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadRecordingMaskerConfiguration {

		@Bean
		ThreadRecordingMasker threadRecordingMasker() {
			return new ThreadRecordingMasker(PiiMasker.of(RedactionPropertiesBinding.bind()));
		}

	}

	static final class ThreadRecordingMasker implements SensitiveDataMasker {

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		private final SensitiveDataMasker delegate;

		ThreadRecordingMasker(SensitiveDataMasker delegate) {
			this.delegate = delegate;
		}

		@Override
		public String mask(String value) {
			this.threads.add(Thread.currentThread().getName());
			return this.delegate.mask(value);
		}

	}

}
