package dev.tracing.boot.testsupport;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that put personal data where real applications put it, for the privacy leak
 * test: into the URL, into custom span names and attributes, into exception messages and
 * into SQL. The planted value arrives in the {@code x-planted} request header, which is
 * not captured, so each endpoint is the only way it can reach a span.
 */
@RestController
@RequestMapping("/privacy")
class PrivacyEndpoints {

	static final String PLANTED = "x-planted";

	private final JdbcTemplate jdbc;

	private final Tracer tracer;

	PrivacyEndpoints(JdbcTemplate jdbc, OpenTelemetry openTelemetry) {
		this.jdbc = jdbc;
		this.tracer = openTelemetry.getTracer("dev.tracing.boot.testsupport");
	}

	/** Personal data in the URL path. */
	@GetMapping("/customers/{email}/orders")
	Map<String, Object> ordersOf(@PathVariable String email) {
		return Map.of("orders", 0);
	}

	/** Personal data in the URL query, next to values that must survive. */
	@GetMapping("/search")
	Map<String, Object> search(@RequestParam Map<String, String> query) {
		return Map.of("results", 0);
	}

	/** A request whose headers the test captures. */
	@GetMapping("/ping")
	Map<String, Object> ping() {
		return Map.of("status", "UP");
	}

	/** A custom span named after a customer, as analytics code might do. */
	@GetMapping("/notify")
	Map<String, Object> notifyCustomer(@RequestHeader(PLANTED) String planted) {
		Span span = this.tracer.spanBuilder("notify " + planted).startSpan();
		span.end();
		return Map.of("notified", true);
	}

	/** An exception whose message names the customer, thrown out of the controller. */
	@GetMapping("/failure")
	Map<String, Object> failure(@RequestHeader(PLANTED) String planted) {
		throw new IllegalStateException("payment declined for " + planted);
	}

	/**
	 * User code that records personal data everywhere a span can hold it, beside order
	 * data that must arrive unmasked.
	 */
	@GetMapping("/attributes")
	Map<String, Object> attributes(@RequestHeader(PLANTED) String planted, @RequestParam String orderId,
			@RequestParam String amount, @RequestParam String placedAt, @RequestParam long placedAtMillis) {
		Span server = Span.current();
		server.setAttribute("customer.contact", planted);
		server.setAttribute(AttributeKey.stringArrayKey("customer.contacts"), List.of("none", planted));
		server.setAttribute("order.id", orderId);
		server.setAttribute("order.amount", amount);
		server.setAttribute("order.placed_at", placedAt);
		server.setAttribute("order.placed_at_millis", placedAtMillis);
		server.setAttribute("order.reference", Long.toString(placedAtMillis));
		server.addEvent("contacted " + planted, Attributes.of(AttributeKey.stringKey("contact"), planted));
		Span child = this.tracer.spanBuilder("follow-up")
			.addLink(server.getSpanContext(), Attributes.of(AttributeKey.stringKey("contact"), planted))
			.startSpan();
		child.setStatus(StatusCode.ERROR, "could not reach " + planted);
		child.end();
		return Map.of("ok", true);
	}

	/** Personal data as a literal in SQL text. */
	@GetMapping("/sql/literal")
	Map<String, Object> sqlLiteral(@RequestHeader(PLANTED) String planted) {
		Integer length = this.jdbc.queryForObject("SELECT LENGTH('" + planted.replace("'", "''") + "')",
				Integer.class);
		return Map.of("length", length);
	}

	/** Personal data as a bound SQL parameter. */
	@GetMapping("/sql/parameter")
	Map<String, Object> sqlParameter(@RequestHeader(PLANTED) String planted) {
		Integer length = this.jdbc.queryForObject("SELECT LENGTH(?)", Integer.class, planted);
		return Map.of("length", length);
	}

}
