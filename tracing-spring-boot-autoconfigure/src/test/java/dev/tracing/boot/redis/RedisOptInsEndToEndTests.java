package dev.tracing.boot.redis;

import java.util.List;
import java.util.UUID;

import dev.tracing.boot.jdbc.shop.Shop;
import dev.tracing.boot.jdbc.shop.StartedShop;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis with {@code tracing.redis.capture-arguments=true}: each command's span shows its
 * arguments, masked where they hold personal data, and there is still exactly one span per
 * command, in the request's trace.
 */
@ExtendWith(StartedShop.OptIns.class)
class RedisOptInsEndToEndTests {

	private static Shop shop;

	@BeforeAll
	static void useShop(Shop optIns) {
		shop = optIns;
	}

	@Test
	void capturedArgumentsAppearAndEachCommandHasExactlyOneSpan() {
		String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String ref = Shop.marker();
		String body = shop.http().get("/shop/checkout?name=Ada&email=" + email + "&amount=5&ref=" + ref).body();
		String orderId = body.replaceAll(".*\"order\":(\\d+).*", "$1");
		ReceivedSpan server = shop.awaitRequest("/shop/checkout", ref);
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 7);
		List<ReceivedSpan> commands = Shop.clients(shop.trace(server.traceId()), "redis");

		// Arguments still pass through the masking of exported spans: the e-mail in the key is masked.
		String key = shop.keyPrefix() + "last-order:***@***.**";
		assertThat(commands).extracting((s) -> s.attribute("db.query.text"))
			.containsExactly("SET " + key + " " + orderId, "GET " + key);
		assertThat(commands).allSatisfy((s) -> assertThat(s.parentSpanId()).isEqualTo(server.spanId()));
		RedisEndToEndTests.assertNoMicrometerRedisSpans(shop);
	}

	@Test
	void pipelinedCommandsShowTheirArguments() {
		String id = Shop.marker();
		assertThat(shop.http().get("/shop/cache/pipeline?id=" + id).statusCode()).isEqualTo(200);
		ReceivedSpan server = shop.awaitRequest("/shop/cache/pipeline", id);
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 5);
		String first = shop.keyPrefix() + "pipeline:" + id + ":first";
		String second = shop.keyPrefix() + "pipeline:" + id + ":second";
		assertThat(Shop.clients(shop.trace(server.traceId()), "redis")).extracting((s) -> s.attribute("db.query.text"))
			.containsExactly("SET " + first + " 1", "SET " + second + " 2", "GET " + first, "GET " + second);
	}

}
