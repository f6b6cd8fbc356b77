package dev.tracing.boot.pipeline;

/**
 * One rule of the starter's root sampler. For a span without a local parent (a request
 * arriving, a scheduled job starting, a statement run outside any request), the rules are
 * asked in order until one says {@link Decision#SAMPLE} or {@link Decision#DROP}; when all
 * abstain, the ratio sampler ({@code tracing.sampling.ratio} or {@code OTEL_TRACES_SAMPLER})
 * decides. Spans with a local parent never reach a rule: they follow their parent, so a
 * request's SQL, Redis and client spans share its fate.
 * <p>
 * Declare a bean of this type to add a rule; order it with {@code @Order} among the
 * built-in ones, whose positions are the constants below. A rule without an order runs
 * after them. Rules run for every root span, on the request thread, often before the span
 * exists: keep them to a few hundred nanoseconds and let them read only the
 * {@link SamplingRequest}.
 */
@FunctionalInterface
public interface SamplingRule {

	/** The viewer's own page, API and OTLP receiver are never traced. */
	int VIEWER_REQUESTS = 100;

	/** {@code tracing.web.excluded-urls}: requests that are never traced. */
	int EXCLUDED_URLS = 200;

	/** Statements that run before the application is ready, with no parent span. */
	int STARTUP_STATEMENTS = 300;

	/** {@code tracing.sampling.header-rules}: requests that are always traced. */
	int HEADER_RULES = 400;

	/**
	 * Decides for one root span, or abstains.
	 * @param request what is known when the decision is made
	 * @return the decision, never {@code null}
	 */
	Decision decide(SamplingRequest request);

	/** What a rule says about a root span. */
	enum Decision {

		/** Trace it: record and export the span and everything under it. */
		SAMPLE,
		/** Do not trace it, nor anything under it; the trace context still propagates. */
		DROP,
		/** No opinion: ask the next rule. */
		ABSTAIN

	}

}
