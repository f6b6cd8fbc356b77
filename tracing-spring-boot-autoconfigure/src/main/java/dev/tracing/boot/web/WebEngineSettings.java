package dev.tracing.boot.web;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.annotation.Order;

/**
 * {@code tracing.web.*} for the engine: the headers its HTTP instrumentation captures, and,
 * unless {@code tracing.web.server-instrumentation=engine}, its Spring MVC server filter
 * switched off (an override, so that it can never run beside the starter's). Whether server
 * spans are wanted at all stays what the application asked of
 * {@value #SPRING_WEBMVC_ENABLED}, read by {@link WebTracingAutoConfiguration}.
 */
@Order(300)
final class WebEngineSettings implements EngineSettingsContributor {

	/** The engine's switch for its Spring MVC server instrumentation. */
	static final String SPRING_WEBMVC_ENABLED = "otel.instrumentation.spring-webmvc.enabled";

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
		if (web.serverInstrumentation() == WebTracingProperties.ServerInstrumentation.STARTER) {
			settings.force(SPRING_WEBMVC_ENABLED, "false");
		}
	}

}
