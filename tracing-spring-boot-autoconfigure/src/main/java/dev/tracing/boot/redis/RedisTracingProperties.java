package dev.tracing.boot.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis commands sent through Lettuce, Spring Data Redis's default client.
 *
 * @param enabled Whether each Redis command is a client span in the trace of the request
 * that sent it. When false no Redis command is traced, not even by Lettuce's own Micrometer
 * tracing.
 * @param captureArguments Whether the command text on the span shows its arguments (keys and
 * values, at most 1024 characters). Off by default: every argument is shown as ?. Arguments
 * of AUTH, HELLO, ACL and MIGRATE, which carry credentials, are never shown. When on, the
 * arguments still pass through the redaction applied to every exported span.
 */
@ConfigurationProperties("tracing.redis")
public record RedisTracingProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("false") boolean captureArguments) {

}
