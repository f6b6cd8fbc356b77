package dev.tracing.boot.web;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static dev.tracing.boot.web.WebTestApplications.serverSpan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route that Spring MVC matched names the server span as soon as it is matched (the
 * engine alone names it after the response), context path included; an unmatched request
 * keeps a route-less name. Real Tomcat, real HTTP, real OTLP.
 */
class MatchedRouteEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static ConfigurableApplicationContext app;

	private static HttpCalls http;

	@BeforeAll
	static void start() {
		app = WebTestApplications.run(receiver, Map.of("server.servlet.context-path", "/shop"),
				RoutesApplication.class);
		http = new HttpCalls(app);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void routeIncludesTheContextPathAndIsSetBeforeTheHandlerRuns() {
		HttpResponse<String> response = http.get("/shop/carts/17/items/3");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("GET /shop/carts/{cart}/items/{item}");
		ReceivedSpan span = serverSpan(receiver, "/shop/carts/17/items/3");
		assertThat(span.name()).isEqualTo("GET /shop/carts/{cart}/items/{item}");
		assertThat(span.attribute("http.route")).isEqualTo("/shop/carts/{cart}/items/{item}");
	}

	@Test
	void wildcardRouteKeepsItsPattern() {
		assertThat(http.get("/shop/files/a/b/c.txt").statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/shop/files/a/b/c.txt");
		assertThat(span.attribute("http.route")).isEqualTo("/shop/files/**");
	}

	@Test
	void unmatchedRequestHasNoRoute() {
		assertThat(http.get("/shop/nowhere/5").statusCode()).isEqualTo(404);
		ReceivedSpan span = serverSpan(receiver, "/shop/nowhere/5");
		assertThat(span.name()).isEqualTo("GET");
		assertThat(span.attribute("http.route")).isNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(CartsController.class)
	static class RoutesApplication {

	}

	@RestController
	static class CartsController {

		/** Answers with the server span's name as it is while the handler runs. */
		@GetMapping("/carts/{cart}/items/{item}")
		String item(@PathVariable long cart, @PathVariable long item) {
			return ((ReadableSpan) LocalRootSpan.current()).getName();
		}

		@GetMapping("/files/**")
		String file() {
			return "file";
		}

	}

}
