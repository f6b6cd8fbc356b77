package dev.tracing.boot.redis;

import java.util.List;

import dev.tracing.boot.jdbc.shop.Shop;
import dev.tracing.boot.jdbc.shop.StartedShop;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis commands through Spring Data Redis and Lettuce, against the real Redis, with the
 * default settings: each command one client span in the request's trace, arguments hidden,
 * pipelined commands one span each, error replies recorded, and no span for the
 * connection's own handshake. The application has the Micrometer bridge and an
 * {@code ObservationRegistry}, so Spring Boot also installs Lettuce's Micrometer tracing,
 * whose spans would start new traces: exactly one span per command must remain, ours.
 */
@ExtendWith(StartedShop.Defaults.class)
class RedisEndToEndTests {

	private static Shop shop;

	@BeforeAll
	static void useShop(Shop defaults) {
		shop = defaults;
	}

	@Test
	void pipelinedCommandsEachGetASpanWithHiddenArguments() {
		String id = Shop.marker();
		assertThat(shop.http().get("/shop/cache/pipeline?id=" + id).statusCode()).isEqualTo(200);
		ReceivedSpan server = shop.awaitRequest("/shop/cache/pipeline", id);
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 5);
		List<ReceivedSpan> commands = Shop.clients(shop.trace(server.traceId()), "redis");

		assertThat(commands).extracting((s) -> s.attribute("db.operation.name"))
			.containsExactly("SET", "SET", "GET", "GET");
		assertThat(commands).extracting((s) -> s.attribute("db.query.text"))
			.containsExactly("SET ? ?", "SET ? ?", "GET ?", "GET ?");
		assertThat(commands).allSatisfy((command) -> {
			assertThat(command.parentSpanId()).isEqualTo(server.spanId());
			assertThat(command.name()).isEqualTo(command.attribute("db.operation.name") + " 127.0.0.1:6379");
			assertThat(command.attribute("server.address")).isEqualTo("127.0.0.1");
			assertThat(command.attribute("server.port")).isEqualTo("6379");
			assertThat(command.attribute("db.system")).as("old convention name").isNull();
			assertThat(command.scope()).isEqualTo("dev.tracing.boot.redis");
			assertThat(command.span().getAttributesList().toString()).doesNotContain(id);
		});
	}

	@Test
	void errorReplyIsRecordedOnTheCommandSpan() {
		String id = Shop.marker();
		assertThat(shop.http().get("/shop/cache/error?id=" + id).body()).contains("\"failed\":true");
		ReceivedSpan server = shop.awaitRequest("/shop/cache/error", id);
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 3);
		List<ReceivedSpan> commands = Shop.clients(shop.trace(server.traceId()), "redis");

		assertThat(commands).extracting(ReceivedSpan::name).containsExactly("SET 127.0.0.1:6379", "INCR 127.0.0.1:6379");
		assertThat(commands.get(0).span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		ReceivedSpan incr = commands.get(1);
		assertThat(incr.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(incr.attribute("error.type")).isEqualTo("ERR");
		assertThat(incr.attribute("db.response.status_code")).isEqualTo("ERR");
		assertThat(incr.span().getEventsList()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("exception");
			assertThat(event.getAttributesList().toString()).contains("not an integer");
		});
	}

	@Test
	void lettuceMicrometerTracingIsReplacedNotAdded() {
		assertThat(shop.app().containsBean("lettuceObservation"))
			.as("Spring Boot's Lettuce observation customizer is active in this application")
			.isTrue();
		String id = Shop.marker();
		assertThat(shop.http().get("/shop/cache/error?id=" + id).statusCode()).isEqualTo(200);
		ReceivedSpan server = shop.awaitRequest("/shop/cache/error", id);
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 3);
		assertThat(Shop.clients(shop.trace(server.traceId()), "redis")).hasSize(2);
		assertNoMicrometerRedisSpans(shop);
	}

	static void assertNoMicrometerRedisSpans(Shop shop) {
		shop.http().flushSpans();
		assertThat(shop.receiver().spans()).as("spans from Lettuce's Micrometer tracing")
			.noneMatch((s) -> s.scope().equals("dev.tracing.micrometer-bridge")
					&& ("redis".equals(s.attribute("db.system")) || "redis".equals(s.attribute("db.system.name"))))
			.noneMatch((s) -> "Redis".equals(s.attribute("peer.service")));
	}

	@Test
	void theConnectionHandshakeIsNotTraced() {
		assertThat(shop.http().get("/shop/cache/pipeline?id=" + Shop.marker()).statusCode()).isEqualTo(200);
		shop.http().flushSpans();
		List<ReceivedSpan> redis = shop.receiver()
			.spans()
			.stream()
			.filter((s) -> "redis".equals(s.attribute("db.system.name")))
			.toList();
		assertThat(redis).isNotEmpty().allSatisfy((command) -> {
			assertThat(command.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
			assertThat(command.parentSpanId()).as("%s has a parent", command).isNotEmpty();
			assertThat(command.attribute("db.operation.name")).isNotIn("HELLO", "CLIENT", "AUTH", "SELECT");
		});
	}

}
