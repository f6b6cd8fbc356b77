package dev.tracing.boot.jdbc.shop;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tracing.boot.testsupport.PostgresSchema;
import dev.tracing.boot.testsupport.TestRedis;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A small shop on the real PostgreSQL and Redis for the data tests: Tomcat on a random port,
 * JPA entities in a throwaway schema, and {@link #CUSTOMERS} customers with one order each.
 */
@SpringBootApplication
public class ShopApplication {

	/** Number of customers (and orders) the shop starts with. */
	public static final int CUSTOMERS = 12;

	/**
	 * Starts the shop against the schema, with these properties.
	 * @param schema the schema that holds the shop's tables
	 * @param redisKeyPrefix prefix for every Redis key the shop writes
	 * @param properties extra properties, such as the exporter endpoint
	 * @param additionalSources configuration classes of a test, beside the shop's own
	 * @return the running application
	 */
	public static ConfigurableApplicationContext run(PostgresSchema schema, String redisKeyPrefix,
			Map<String, String> properties, Class<?>... additionalSources) {
		return run(schema.url("tracing-" + schema.name()), PostgresSchema.user(), PostgresSchema.password(),
				redisKeyPrefix, properties, additionalSources);
	}

	/**
	 * Starts the shop on an in-memory H2 database of its own, with these properties.
	 * @param redisKeyPrefix prefix for every Redis key the shop writes
	 * @param properties extra properties, such as the exporter endpoint
	 * @param additionalSources configuration classes of a test, beside the shop's own
	 * @return the running application
	 */
	public static ConfigurableApplicationContext runOnH2(String redisKeyPrefix, Map<String, String> properties,
			Class<?>... additionalSources) {
		return run("jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", redisKeyPrefix,
				properties, additionalSources);
	}

	private static ConfigurableApplicationContext run(String url, String user, String password,
			String redisKeyPrefix, Map<String, String> properties, Class<?>[] additionalSources) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.datasource.url", url);
		defaults.put("spring.datasource.username", user);
		defaults.put("spring.datasource.password", password);
		defaults.put("spring.jpa.hibernate.ddl-auto", "create");
		defaults.put("spring.jpa.open-in-view", "true");
		defaults.put("spring.data.redis.host", TestRedis.host());
		defaults.put("spring.data.redis.port", Integer.toString(TestRedis.port()));
		defaults.put("tracing.batch.schedule-delay", "100ms");
		defaults.put("shop.redis-key-prefix", redisKeyPrefix);
		List<String> args = properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
		return new SpringApplicationBuilder(ShopApplication.class).sources(additionalSources)
			.web(WebApplicationType.SERVLET)
			.properties(defaults)
			.run(args.toArray(String[]::new));
	}

	@Bean
	ApplicationRunner seedShop(CustomerRepository customers, PurchaseOrderRepository orders) {
		return (args) -> {
			for (int i = 1; i <= CUSTOMERS; i++) {
				Customer customer = customers.save(new Customer("Customer " + i, "customer" + i + "@shop.test"));
				orders.save(new PurchaseOrder(customer, BigDecimal.valueOf(10L * i), "PAID"));
			}
		};
	}

}
