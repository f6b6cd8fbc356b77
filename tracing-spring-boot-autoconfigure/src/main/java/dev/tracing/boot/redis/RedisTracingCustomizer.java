package dev.tracing.boot.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Installs {@link LettuceTracing} in Lettuce's {@link ClientResources}, or no tracing at all
 * when Redis tracing is switched off. Ordered last, so that it replaces any tracing an earlier
 * customizer set: a {@code ClientResources} holds one tracing, hence one span per command.
 */
public final class RedisTracingCustomizer implements ClientResourcesBuilderCustomizer, Ordered {

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private final boolean enabled;

	private final boolean captureArguments;

	RedisTracingCustomizer(ObjectProvider<OpenTelemetry> openTelemetry, boolean enabled, boolean captureArguments) {
		this.openTelemetry = openTelemetry;
		this.enabled = enabled;
		this.captureArguments = captureArguments;
	}

	@Override
	public void customize(ClientResources.Builder builder) {
		OpenTelemetry openTelemetry = this.openTelemetry.getIfAvailable();
		if (!this.enabled || openTelemetry == null) {
			builder.tracing(Tracing.disabled());
			return;
		}
		builder.tracing(LettuceTracing.create(openTelemetry, this.captureArguments));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
