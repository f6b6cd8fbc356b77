package dev.tracing.sample.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The order service from the base14 Scout Flask guide, ported to Spring Boot: orders in a
 * relational database, processed in the background (in-process or through RabbitMQ), paid
 * through a payment gateway over HTTP, cached in Redis, and traced by the tracing starter.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableCaching
public class OrderServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderServiceApplication.class, args);
	}

}
