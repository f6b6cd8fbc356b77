package dev.tracing.boot.web;

import dev.tracing.boot.pipeline.SamplingRequest;
import dev.tracing.boot.pipeline.SamplingRule;
import io.opentelemetry.api.trace.SpanKind;

/**
 * {@code tracing.web.excluded-urls}: a request whose URL matches is not traced, nor is
 * anything it does.
 */
public final class ExcludedUrlsSamplingRule implements SamplingRule {

	private final ExcludedUrls excludedUrls;

	public ExcludedUrlsSamplingRule(ExcludedUrls excludedUrls) {
		this.excludedUrls = excludedUrls;
	}

	@Override
	public Decision decide(SamplingRequest request) {
		if (request.kind() != SpanKind.SERVER) {
			return Decision.ABSTAIN;
		}
		String url = request.url();
		return (url != null && this.excludedUrls.matches(url)) ? Decision.DROP : Decision.ABSTAIN;
	}

	@Override
	public String toString() {
		return "URLs matching " + String.join(", ", this.excludedUrls.expressions()) + " are not traced";
	}

}
