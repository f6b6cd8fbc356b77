package dev.tracing.boot.sampling;

import java.util.List;

import dev.tracing.boot.pipeline.SamplingRequest;
import dev.tracing.boot.pipeline.SamplingRule;

/**
 * {@code tracing.sampling.header-rules}: requests whose headers match a rule are always
 * sampled, the generalisation of Checkly's {@code tracestate: checkly=true} sampler. With
 * {@code header-only}, every other request is dropped; otherwise the ratio decides.
 */
public final class HeaderRulesSamplingRule implements SamplingRule {

	private final HeaderMatcher[] matchers;

	private final boolean headerOnly;

	HeaderRulesSamplingRule(List<SamplingProperties.HeaderRule> rules, boolean headerOnly) {
		this.matchers = rules.stream().map(HeaderMatcher::new).toArray(HeaderMatcher[]::new);
		this.headerOnly = headerOnly;
	}

	@Override
	public Decision decide(SamplingRequest request) {
		for (HeaderMatcher matcher : this.matchers) {
			if (matcher.matches(request)) {
				return Decision.SAMPLE;
			}
		}
		return this.headerOnly ? Decision.DROP : Decision.ABSTAIN;
	}

	@Override
	public String toString() {
		String rules = String.join(" or ", List.of(this.matchers).stream().map(HeaderMatcher::toString).toList());
		return this.headerOnly ? "only requests with " + rules + " are traced"
				: "requests with " + rules + " are always traced";
	}

}
