package dev.tracing.boot.redis;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.lettuce.core.resource.ClientResources;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Redis commands sent through Lettuce. The engine does not instrument Lettuce; this gives
 * Spring Boot's Lettuce {@link ClientResources} a tracing that makes one client span per
 * command on the engine's SDK. It replaces the Micrometer tracing that Spring Boot installs
 * when an {@code ObservationRegistry} exists, whose spans start on Lettuce's event-loop
 * threads and so never join the request's trace: exactly one span per command either way.
 * With {@code tracing.redis.enabled=false} it installs Lettuce's disabled tracing instead, so
 * no command is traced by either.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")
@ConditionalOnTracingEnabled
@ConditionalOnClass({ ClientResources.class, ClientResourcesBuilderCustomizer.class })
@EnableConfigurationProperties(RedisTracingProperties.class)
public final class RedisTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "redisTracingCustomizer")
	RedisTracingCustomizer redisTracingCustomizer(ObjectProvider<OpenTelemetry> openTelemetry,
			RedisTracingProperties properties) {
		return new RedisTracingCustomizer(openTelemetry, properties.enabled(), properties.captureArguments());
	}

}
