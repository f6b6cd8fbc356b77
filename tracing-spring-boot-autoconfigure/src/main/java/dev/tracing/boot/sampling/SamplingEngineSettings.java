package dev.tracing.boot.sampling;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.annotation.Order;

/**
 * {@code tracing.sampling.*} for the engine: the ratio becomes the engine's configured
 * sampler (which the root sampler asks when no rule decides, and which
 * {@code OTEL_TRACES_SAMPLER} replaces), and the headers that header rules read are
 * captured at span start, so that the SDK's sampler sees them on spans that the starter's
 * servlet filter did not decide.
 */
@Order(200)
final class SamplingEngineSettings implements EngineSettingsContributor {

	static final String CAPTURED_REQUEST_HEADERS = "otel.instrumentation.http.server.capture-request-headers";

	@Override
	public void contribute(EngineSettings settings) {
		SamplingProperties sampling = settings.bind("tracing.sampling", SamplingProperties.class);
		settings.put("otel.traces.sampler", sampling.parentBased() ? "parentbased_traceidratio" : "traceidratio");
		settings.put("otel.traces.sampler.arg", Double.toString(sampling.ratio()));
		settings.addToList(CAPTURED_REQUEST_HEADERS,
				sampling.headerRules().stream().map(SamplingProperties.HeaderRule::header).toList());
	}

}
