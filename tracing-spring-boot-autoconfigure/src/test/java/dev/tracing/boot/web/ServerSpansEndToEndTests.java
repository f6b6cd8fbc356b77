package dev.tracing.boot.web;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.Event;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import static dev.tracing.boot.web.WebTestApplications.eventAttribute;
import static dev.tracing.boot.web.WebTestApplications.everythingExported;
import static dev.tracing.boot.web.WebTestApplications.exceptionEvents;
import static dev.tracing.boot.web.WebTestApplications.serverSpan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server spans on the wire: names and routes, errors handled and unhandled, handled-error
 * reporting, hooks, captured and redacted headers, redacted query parameters. One real
 * Tomcat application, real HTTP calls, a real OTLP receiver.
 */
class ServerSpansEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static ConfigurableApplicationContext app;

	private static HttpCalls http;

	@BeforeAll
	static void start() {
		app = WebTestApplications.run(receiver, Map.of(
				"tracing.web.capture-request-headers", "X-Request-Id,Authorization,Cookie,X-Api-Key",
				"tracing.web.capture-response-headers", "X-Order-Note,Set-Cookie",
				"tracing.sampling.header-rules[0].header", "X-Synthetic-Token",
				"tracing.sampling.header-rules[0].pattern", "^synthetic-"), EdgeApplication.class);
		http = new HttpCalls(app);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void spanIsNamedAfterTheRouteWithPathVariables() {
		assertThat(http.get("/api/orders/42").statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/42");
		assertThat(span.name()).isEqualTo("GET /api/orders/{id}");
		assertThat(span.attribute("http.route")).isEqualTo("/api/orders/{id}");
		assertThat(span.attribute("http.request.method")).isEqualTo("GET");
		assertThat(span.attribute("http.response.status_code")).isEqualTo("200");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(exceptionEvents(span)).isEmpty();
	}

	@Test
	void unmatchedRequestKeepsALowCardinalityNameAndIsNotAnError() {
		assertThat(http.get("/no/such/page/8812").statusCode()).isEqualTo(404);
		ReceivedSpan span = serverSpan(receiver, "/no/such/page/8812");
		assertThat(span.name()).isEqualTo("GET");
		assertThat(span.attribute("http.route")).isNull();
		assertThat(span.attribute("http.response.status_code")).isEqualTo("404");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(exceptionEvents(span)).isEmpty();
	}

	@Test
	void unhandledExceptionIsRecordedWithItsOwnTypeAndFailsTheSpan() {
		assertThat(http.get("/api/orders/7/fail").statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/7/fail");
		assertThat(span.name()).isEqualTo("GET /api/orders/{id}/fail");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		// Ours, with the application's exception, then the engine's, with the servlet wrapper.
		assertThat(exceptionEvents(span)).extracting((event) -> eventAttribute(event, "exception.type"))
			.containsExactly(IllegalStateException.class.getName(), "jakarta.servlet.ServletException");
		assertThat(eventAttribute(exceptionEvents(span).get(0), "exception.message"))
			.isEqualTo("payment service down");
	}

	@Test
	void exceptionHandledByControllerAdviceIsRecordedAnd5xxIsAnError() {
		assertThat(http.get("/api/orders/7/reserve").statusCode()).isEqualTo(503);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/7/reserve");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		List<Event> events = exceptionEvents(span);
		assertThat(events).hasSize(1);
		assertThat(eventAttribute(events.get(0), "exception.type")).isEqualTo(OutOfStockException.class.getCanonicalName());
		assertThat(eventAttribute(events.get(0), "exception.message")).isEqualTo("no stock for order 7");
	}

	@Test
	void exceptionHandledIntoA4xxIsRecordedButIsNotAnError() {
		assertThat(http.get("/api/orders/x/validate").statusCode()).isEqualTo(400);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/x/validate");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(exceptionEvents(span)).singleElement()
			.satisfies((event) -> assertThat(eventAttribute(event, "exception.type"))
				.isEqualTo(IllegalArgumentException.class.getName()));
	}

	@Test
	void responseStatusExceptionIsRecorded() {
		assertThat(http.get("/api/orders/7/cancel").statusCode()).isEqualTo(409);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/7/cancel");
		assertThat(span.attribute("http.response.status_code")).isEqualTo("409");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(exceptionEvents(span)).singleElement()
			.satisfies((event) -> assertThat(eventAttribute(event, "exception.type"))
				.isEqualTo(ResponseStatusException.class.getName()));
	}

	@Test
	void reportedErrorLandsOnTheServerSpanNotTheInnermostSpan() {
		assertThat(http.get("/api/orders/7/pay").body()).isEqualTo("pending");
		ReceivedSpan server = serverSpan(receiver, "/api/orders/7/pay");
		ReceivedSpan charge = receiver.awaitSpan(
				(span) -> span.name().equals("charge card") && span.traceId().equals(server.traceId()));
		assertThat(charge.parentSpanId()).isEqualTo(server.spanId());
		assertThat(exceptionEvents(charge)).isEmpty();
		assertThat(exceptionEvents(server)).singleElement().satisfies((event) -> {
			assertThat(eventAttribute(event, "exception.type")).isEqualTo(GatewayTimeoutException.class.getCanonicalName());
			assertThat(eventAttribute(event, "exception.message")).isEqualTo("gateway timed out");
		});
		assertThat(server.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		assertThat(server.attribute("http.response.status_code")).isEqualTo("200");
	}

	@Test
	void requestAndResponseHooksAddAttributesAndAFailingHookBreaksNothing() {
		var response = http.get("/api/orders/9", "X-Tenant", "acme");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/9");
		assertThat(span.attribute("app.tenant")).isEqualTo("acme");
		assertThat(span.attribute("app.response.content_type")).startsWith("application/json");
		assertThat(span.attribute("app.route_seen_by_response_hook")).isEqualTo("true");
	}

	@Test
	void capturedHeadersAreRecordedAndSecretsRedacted() {
		assertThat(http.get("/api/orders/11", "Authorization", "Bearer top-secret-token", "Cookie",
				"session=cookie-secret-1", "X-Api-Key", "key-secret-2", "X-Request-Id", "req-123",
				"X-Synthetic-Token", "synthetic-secret-3").statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/11");
		assertThat(span.attribute("http.request.header.x-request-id")).isEqualTo("[req-123]");
		assertThat(span.attribute("http.request.header.authorization")).isEqualTo("[[REDACTED]]");
		assertThat(span.attribute("http.request.header.cookie")).isEqualTo("[[REDACTED]]");
		assertThat(span.attribute("http.request.header.x-api-key")).isEqualTo("[[REDACTED]]");
		// Captured only because a sampling rule reads it, and still redacted on the span.
		assertThat(span.attribute("http.request.header.x-synthetic-token")).isEqualTo("[[REDACTED]]");
		assertThat(span.attribute("http.response.header.x-order-note")).isEqualTo("[packed]");
		assertThat(span.attribute("http.response.header.set-cookie")).isEqualTo("[[REDACTED]]");
		assertThat(span.attribute("http.auth.present")).isEqualTo("true");
		http.flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("top-secret-token", "cookie-secret-1",
				"key-secret-2", "synthetic-secret-3", "set-cookie-secret-4");
	}

	@Test
	void requestWithoutAuthorizationHasNoAuthFlag() {
		http.get("/api/orders/12");
		assertThat(serverSpan(receiver, "/api/orders/12").attribute("http.auth.present")).isNull();
	}

	@Test
	void sensitiveQueryParametersAreRedacted() {
		assertThat(http.get("/api/orders/13?page=2&token=query-secret-5&api_key=query-secret-6&Signature=sig-7")
			.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/orders/13");
		assertThat(span.attribute("url.query")).isEqualTo("page=2&token=REDACTED&api_key=REDACTED&Signature=REDACTED");
		http.flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("query-secret-5", "query-secret-6", "sig-7");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ OrdersController.class, OrdersAdvice.class })
	static class EdgeApplication {

		@Bean
		ServerSpanRequestHook tenantHook() {
			return (span, request) -> {
				String tenant = request.getHeader("X-Tenant");
				if (tenant != null) {
					span.setAttribute("app.tenant", tenant);
				}
			};
		}

		@Bean
		ServerSpanRequestHook failingHook() {
			return (span, request) -> {
				throw new IllegalStateException("a broken hook");
			};
		}

		@Bean
		ServerSpanResponseHook contentTypeHook() {
			return (span, request, response) -> {
				span.setAttribute("app.response.content_type", String.valueOf(response.getContentType()));
				span.setAttribute("app.route_seen_by_response_hook", request.getAttribute(
						org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) != null);
			};
		}

	}

	@RestController
	static class OrdersController {

		private final OpenTelemetry openTelemetry;

		OrdersController(OpenTelemetry openTelemetry) {
			this.openTelemetry = openTelemetry;
		}

		@GetMapping("/api/orders/{id}")
		ResponseEntity<Map<String, Object>> order(@PathVariable long id) {
			return ResponseEntity.ok()
				.header("X-Order-Note", "packed")
				.header("Set-Cookie", "session=set-cookie-secret-4")
				.body(Map.of("id", id));
		}

		@GetMapping("/api/orders/{id}/fail")
		String fail(@PathVariable long id) {
			throw new IllegalStateException("payment service down");
		}

		@GetMapping("/api/orders/{id}/reserve")
		String reserve(@PathVariable long id) {
			throw new OutOfStockException("no stock for order " + id);
		}

		@GetMapping("/api/orders/{id}/validate")
		String validate(@PathVariable String id) {
			throw new IllegalArgumentException("order id must be a number: " + id);
		}

		@GetMapping("/api/orders/{id}/cancel")
		String cancel(@PathVariable long id) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "order already shipped");
		}

		@GetMapping("/api/orders/{id}/pay")
		String pay(@PathVariable long id) {
			Span charge = this.openTelemetry.getTracer("test").spanBuilder("charge card").startSpan();
			try (Scope scope = charge.makeCurrent()) {
				throw new GatewayTimeoutException("gateway timed out");
			}
			catch (GatewayTimeoutException ex) {
				TracingErrors.report(ex);
				return "pending";
			}
			finally {
				charge.end();
			}
		}

	}

	@RestControllerAdvice
	static class OrdersAdvice {

		@ExceptionHandler
		ResponseEntity<String> outOfStock(OutOfStockException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("try later");
		}

		@ExceptionHandler
		ResponseEntity<String> invalid(IllegalArgumentException ex) {
			return ResponseEntity.badRequest().body(ex.getMessage());
		}

	}

	static class OutOfStockException extends RuntimeException {

		OutOfStockException(String message) {
			super(message);
		}

	}

	static class GatewayTimeoutException extends RuntimeException {

		GatewayTimeoutException(String message) {
			super(message);
		}

	}

}
