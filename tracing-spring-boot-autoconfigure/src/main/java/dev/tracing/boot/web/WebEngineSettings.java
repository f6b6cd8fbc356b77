package dev.tracing.boot.web;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.annotation.Order;

/** {@code tracing.web.*} for the engine: the headers its HTTP instrumentation captures. */
@Order(300)
final class WebEngineSettings implements EngineSettingsContributor {

	@Override
	public void contribute(EngineSettings settings) {
		WebTracingProperties web = settings.bind("tracing.web", WebTracingProperties.class);
		WebTracingProperties.rejectReplacedProperties(settings.binder());
		settings.addToList("otel.instrumentation.http.server.capture-request-headers", web.captureRequestHeaders());
		settings.addToList("otel.instrumentation.http.server.capture-response-headers", web.captureResponseHeaders());
		settings.addToList("otel.instrumentation.http.client.capture-request-headers",
				web.client().captureRequestHeaders());
		settings.addToList("otel.instrumentation.http.client.capture-response-headers",
				web.client().captureResponseHeaders());
	}

}
