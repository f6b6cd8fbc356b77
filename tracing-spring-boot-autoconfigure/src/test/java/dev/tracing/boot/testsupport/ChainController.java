package dev.tracing.boot.testsupport;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A request that fans out: a Micrometer observation (standing in for a Micrometer-instrumented
 * library) and an outgoing HTTP call, made with a RestClient from Spring Boot's builder, to
 * another endpoint of the same application.
 */
@RestController
class ChainController {

	private final RestClient.Builder restClientBuilder;

	private final ObservationRegistry observationRegistry;

	private final WebServerApplicationContext context;

	ChainController(RestClient.Builder restClientBuilder, ObservationRegistry observationRegistry,
			WebServerApplicationContext context) {
		this.restClientBuilder = restClientBuilder;
		this.observationRegistry = observationRegistry;
		this.context = context;
	}

	@GetMapping("/api/chain")
	Map<String, Object> chain() {
		String inventory = Observation.createNotStarted("inventory.check", this.observationRegistry)
			.observe(() -> "in-stock");
		RestClient client = this.restClientBuilder
			.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
			.build();
		Map<?, ?> order = client.get().uri("/api/orders/{id}", 42).retrieve().body(Map.class);
		return Map.of("inventory", inventory, "order", order);
	}

}
