package dev.tracing.boot.messaging;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.annotation.Traced;
import dev.tracing.boot.annotation.TracedAttribute;
import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Scout guide's {@code process_order} hand-off over a real RabbitMQ broker: a request
 * sends a message with {@code RabbitTemplate}, a {@code @RabbitListener} processes it, and
 * everything lands in one trace (request, PRODUCER, CONSUMER, the listener's own spans) with
 * exactly one span per send and per delivery, and the listener's log lines carry the trace id.
 * Nothing but {@code tracing.*} defaults turns it on. The build also runs this class without
 * actuator on the classpath.
 */
@ExtendWith(OutputCaptureExtension.class)
class RabbitPropagationEndToEndTests {

	static final String QUEUE = "tracing-spring-boot.process-order";

	@Test
	void listenerContinuesTheSendersTraceAndLogsWithItsTraceId(CapturedOutput output) {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication.run(Map.of(
						"tracing.exporter.endpoint", receiver.httpEndpoint(),
						"spring.rabbitmq.host", env("TRACING_TEST_RABBITMQ_HOST", "127.0.0.1"),
						"spring.rabbitmq.port", env("TRACING_TEST_RABBITMQ_PORT", "5672")), Messaging.class)) {
			assertThat(new HttpCalls(app).get("/messaging/orders/42").body()).isEqualTo("queued");

			ReceivedSpan request = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
					&& "/messaging/orders/42".equals(span.attribute("url.path")));
			ReceivedSpan fulfilment = receiver.awaitSpan((span) -> span.name().equals("Fulfilment.process"));
			new HttpCalls(app).flushSpans();
			List<ReceivedSpan> trace = receiver.spans()
				.stream()
				.filter((span) -> span.traceId().equals(request.traceId()))
				.toList();

			ReceivedSpan send = single(trace, SpanKind.SPAN_KIND_PRODUCER);
			ReceivedSpan process = single(trace, SpanKind.SPAN_KIND_CONSUMER);
			assertThat(send.parentSpanId()).isEqualTo(request.spanId());
			assertThat(process.parentSpanId()).isEqualTo(send.spanId());
			assertThat(fulfilment.traceId()).isEqualTo(request.traceId());
			assertThat(fulfilment.parentSpanId()).isEqualTo(process.spanId());
			assertThat(fulfilment.attribute("order.id")).isEqualTo("42");

			assertThat(send.name()).isEqualTo("send " + QUEUE);
			assertThat(send.attribute("messaging.system")).isEqualTo("rabbitmq");
			assertThat(send.attribute("messaging.operation.type")).isEqualTo("send");
			assertThat(send.attribute("messaging.rabbitmq.destination.routing_key")).isEqualTo(QUEUE);
			assertThat(process.name()).isEqualTo("process " + QUEUE);
			assertThat(process.attribute("messaging.system")).isEqualTo("rabbitmq");
			assertThat(process.attribute("messaging.operation.type")).isEqualTo("process");
			assertThat(process.attribute("messaging.destination.name")).isEqualTo(QUEUE);
			assertThat(output.getOut().lines().filter((line) -> line.endsWith("processing order 42")))
				.singleElement()
				.asString()
				.contains("[" + request.traceId() + "-" + process.spanId() + "] ");
		}
	}

	private static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind) {
		List<ReceivedSpan> matching = spans.stream().filter((span) -> span.kind() == kind).toList();
		assertThat(matching).as("%s spans in %s", kind, spans).hasSize(1);
		return matching.get(0);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ OrdersController.class, OrderListener.class, Fulfilment.class })
	static class Messaging {

		@Bean
		Queue processOrderQueue() {
			return new Queue(QUEUE, false, false, true);
		}

	}

	@RestController
	static class OrdersController {

		private final RabbitTemplate rabbit;

		OrdersController(RabbitTemplate rabbit) {
			this.rabbit = rabbit;
		}

		@GetMapping("/messaging/orders/{id}")
		String create(@PathVariable String id) {
			this.rabbit.convertAndSend(QUEUE, id);
			return "queued";
		}

	}

	static class OrderListener {

		private static final Log logger = LogFactory.getLog(OrderListener.class);

		private final Fulfilment fulfilment;

		OrderListener(Fulfilment fulfilment) {
			this.fulfilment = fulfilment;
		}

		@RabbitListener(queues = QUEUE)
		void processOrder(String orderId) {
			logger.info("processing order " + orderId);
			this.fulfilment.process(orderId);
		}

	}

	static class Fulfilment {

		@Traced
		public void process(@TracedAttribute("order.id") String orderId) {
		}

	}

}
