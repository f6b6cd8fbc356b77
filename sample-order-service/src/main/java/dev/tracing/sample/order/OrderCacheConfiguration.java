package dev.tracing.sample.order;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * Cached orders are stored in Redis (redis profile) as JSON, readable with {@code redis-cli};
 * key prefix and time to live come from {@code spring.cache.redis.*}.
 */
@Configuration(proxyBeanMethods = false)
class OrderCacheConfiguration {

	@Bean
	RedisCacheManagerBuilderCustomizer orderCacheAsJson(JsonMapper jsonMapper) {
		return (builder) -> builder.withCacheConfiguration(OrderService.CACHE, builder.cacheDefaults()
			.serializeValuesWith(SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(jsonMapper, OrderView.class))));
	}

}
