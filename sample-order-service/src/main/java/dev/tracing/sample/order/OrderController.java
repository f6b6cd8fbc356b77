package dev.tracing.sample.order;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The guide's orders blueprint: {@code /api/orders}. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	private final OrderService orders;

	private final OrderAnalytics analytics;

	OrderController(OrderService orders, OrderAnalytics analytics) {
		this.orders = orders;
		this.analytics = analytics;
	}

	@GetMapping
	List<OrderView> list() {
		return this.orders.list();
	}

	@GetMapping("/{id}")
	OrderView get(@PathVariable long id) {
		return this.orders.find(id);
	}

	@PostMapping
	ResponseEntity<OrderView> create(@Valid @RequestBody NewOrder request) {
		OrderView order = this.orders.create(request);
		return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.orders.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/analytics")
	OrderAnalytics.Report analytics() {
		return this.analytics.calculate();
	}

}
