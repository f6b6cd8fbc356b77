package dev.tracing.boot.viewer;

import dev.tracing.boot.pipeline.SamplingRequest;
import dev.tracing.boot.pipeline.SamplingRule;
import dev.tracing.boot.web.ExcludedUrls;
import io.opentelemetry.api.trace.SpanKind;

/** The viewer's own page and API are never traced: looking at traces makes none. */
final class ViewerRequestsSamplingRule implements SamplingRule {

	private final ExcludedUrls viewerUrls;

	ViewerRequestsSamplingRule(ExcludedUrls viewerUrls) {
		this.viewerUrls = viewerUrls;
	}

	@Override
	public Decision decide(SamplingRequest request) {
		if (request.kind() != SpanKind.SERVER) {
			return Decision.ABSTAIN;
		}
		String url = request.url();
		return (url != null && this.viewerUrls.matches(url)) ? Decision.DROP : Decision.ABSTAIN;
	}

	@Override
	public String toString() {
		return "the viewer's own requests are not traced";
	}

}
