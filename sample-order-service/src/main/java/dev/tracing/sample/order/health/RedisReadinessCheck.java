package dev.tracing.sample.order.health;

import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/** Redis answers {@code PING} (redis profile, where it holds the order cache). */
@Component
@Profile("redis")
class RedisReadinessCheck implements ReadinessCheck {

	private final RedisConnectionFactory connectionFactory;

	RedisReadinessCheck(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public String name() {
		return "redis";
	}

	@Override
	public void check() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.ping();
		}
	}

}
