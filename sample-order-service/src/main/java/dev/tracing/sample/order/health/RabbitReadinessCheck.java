package dev.tracing.sample.order.health;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** RabbitMQ accepts a connection (rabbitmq profile, where it carries new orders). */
@Component
@Profile("rabbitmq")
class RabbitReadinessCheck implements ReadinessCheck {

	private final ConnectionFactory connectionFactory;

	RabbitReadinessCheck(ConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public String name() {
		return "rabbitmq";
	}

	@Override
	public void check() {
		try (Connection connection = this.connectionFactory.createConnection()) {
			if (!connection.isOpen()) {
				throw new IllegalStateException("connection closed");
			}
		}
	}

}
