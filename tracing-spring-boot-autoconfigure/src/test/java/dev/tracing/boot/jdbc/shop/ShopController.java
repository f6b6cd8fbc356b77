package dev.tracing.boot.jdbc.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints the data tests drive: JPA, JdbcTemplate and Redis work inside requests. */
@RestController
class ShopController {

	private final CustomerRepository customers;

	private final PurchaseOrderRepository orders;

	private final JdbcTemplate jdbc;

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	ShopController(CustomerRepository customers, PurchaseOrderRepository orders, JdbcTemplate jdbc,
			StringRedisTemplate redis, @Value("${shop.redis-key-prefix}") String keyPrefix) {
		this.customers = customers;
		this.orders = orders;
		this.jdbc = jdbc;
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	/** The N+1 pattern: each order's customer is loaded lazily, one query per customer. */
	@GetMapping("/shop/orders/lazy")
	List<String> ordersLazily() {
		return this.orders.findAllByOrderByIdAsc().stream().map((order) -> order.getCustomer().getName()).toList();
	}

	/** The fix: one query with a join fetch. */
	@GetMapping("/shop/orders/eager")
	List<String> ordersEagerly() {
		return this.orders.findAllWithCustomers().stream().map((order) -> order.getCustomer().getName()).toList();
	}

	/**
	 * JPA reads and writes plus Redis GET and SET in one request, with request values that
	 * must never reach the exported statement texts.
	 */
	@GetMapping("/shop/checkout")
	@Transactional
	Map<String, Object> checkout(@RequestParam String name, @RequestParam String email,
			@RequestParam BigDecimal amount) {
		Customer customer = this.customers.findByEmail(email)
			.orElseGet(() -> this.customers.save(new Customer(name, email)));
		PurchaseOrder order = this.orders.saveAndFlush(new PurchaseOrder(customer, amount, "PENDING"));
		// A literal spliced into a prepared statement, as careless code does: the engine keeps
		// the text of prepared statements as written, the starter still removes the literal.
		Long sameName = this.jdbc.queryForObject(
				"SELECT count(*) FROM shop_customer WHERE name = '" + name.replace("'", "''") + "' AND id > ?",
				Long.class, 0);
		String key = this.keyPrefix + "last-order:" + email;
		this.redis.opsForValue().set(key, order.getId().toString());
		String cached = this.redis.opsForValue().get(key);
		return Map.of("order", order.getId(), "cached", cached, "sameName", sameName);
	}

	/** Four commands in one pipeline: each must still be its own span. */
	@GetMapping("/shop/cache/pipeline")
	List<Object> pipeline(@RequestParam String id) {
		String first = this.keyPrefix + "pipeline:" + id + ":first";
		String second = this.keyPrefix + "pipeline:" + id + ":second";
		return this.redis.executePipelined(new SessionCallback<Object>() {

			@Override
			@SuppressWarnings("unchecked")
			public <K, V> Object execute(RedisOperations<K, V> operations) {
				RedisOperations<String, String> strings = (RedisOperations<String, String>) operations;
				strings.opsForValue().set(first, "1");
				strings.opsForValue().set(second, "2");
				strings.opsForValue().get(first);
				strings.opsForValue().get(second);
				return null;
			}

		});
	}

	/** INCR on a text value: Redis answers with an error. */
	@GetMapping("/shop/cache/error")
	Map<String, Object> redisError(@RequestParam String id) {
		String key = this.keyPrefix + "error:" + id;
		this.redis.opsForValue().set(key, "not a number");
		try {
			this.redis.opsForValue().increment(key);
			return Map.of("failed", false);
		}
		catch (RuntimeException ex) {
			return Map.of("failed", true);
		}
	}

	/** A slow plain statement, then optionally a slow prepared one. */
	@GetMapping("/shop/slow")
	Map<String, Object> slow(@RequestParam(defaultValue = "0.6") String seconds,
			@RequestParam(defaultValue = "false") boolean prepared) {
		double value = Double.parseDouble(seconds);
		this.jdbc.execute("SELECT pg_sleep(" + value + ")");
		if (prepared) {
			this.jdbc.queryForObject("SELECT count(*) FROM pg_sleep(?)", Long.class, value);
		}
		return Map.of("slept", seconds);
	}

	@GetMapping("/shop/fast")
	Map<String, Object> fast() {
		return Map.of("one", this.jdbc.queryForObject("SELECT 1", Integer.class));
	}

}
