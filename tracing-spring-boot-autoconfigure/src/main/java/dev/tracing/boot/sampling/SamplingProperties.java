package dev.tracing.boot.sampling;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which requests are traced. Decisions are made once per trace, at its root: the SQL, Redis
 * and client spans of a dropped request are dropped with it.
 *
 * @param ratio The fraction of new traces to keep, from 0.0 (none) to 1.0 (all).
 * Overridden by OTEL_TRACES_SAMPLER.
 * @param parentBased Whether a request that arrives with a traceparent follows the
 * caller's sampling decision, so that a distributed trace is kept or dropped whole.
 * @param headerRules Requests whose headers match any of these rules are always sampled,
 * whatever the ratio, for example synthetic checks marked with
 * tracestate: checkly=true.
 * @param headerOnly Whether to sample only requests that match a header rule, and nothing
 * else: you pay only for synthetic-check traffic.
 */
@ConfigurationProperties("tracing.sampling")
public record SamplingProperties(@DefaultValue("1.0") double ratio, @DefaultValue("true") boolean parentBased,
		List<HeaderRule> headerRules, @DefaultValue("false") boolean headerOnly) {

	public SamplingProperties {
		if (!(ratio >= 0.0 && ratio <= 1.0)) {
			throw new InvalidTracingPropertyException("tracing.sampling.ratio", ratio,
					"must be between 0.0 and 1.0", "use a fraction such as 0.1 to keep 10% of traces");
		}
		headerRules = (headerRules != null) ? List.copyOf(headerRules) : List.of();
		for (int i = 0; i < headerRules.size(); i++) {
			headerRules.get(i).validate("tracing.sampling.header-rules[" + i + "]");
		}
		if (headerOnly && headerRules.isEmpty()) {
			throw new InvalidTracingPropertyException("tracing.sampling.header-only", true,
					"no tracing.sampling.header-rules are defined, so nothing would ever be sampled",
					"add a rule such as tracing.sampling.header-rules[0].header=tracestate and "
							+ "tracing.sampling.header-rules[0].value=checkly=true, or set header-only to false");
		}
	}

	/**
	 * A request header that forces sampling. Give either an exact {@code value} or a
	 * {@code pattern}.
	 *
	 * @param header The header name, case-insensitive, for example tracestate.
	 * @param value The exact header value to match. For tracestate a
	 * key=value entry also matches inside a longer list.
	 * @param pattern A regular expression searched anywhere in the header value.
	 */
	public record HeaderRule(String header, String value, String pattern) {

		void validate(String property) {
			if (this.header == null || this.header.isBlank()) {
				throw new InvalidTracingPropertyException(property + ".header", this.header, "a header name is required",
						"name the request header to match, for example tracestate");
			}
			if ((this.value == null) == (this.pattern == null)) {
				throw new InvalidTracingPropertyException(property + ".value", this.value,
						"a header rule needs exactly one of value or pattern",
						"set " + property + ".value for an exact match or " + property
								+ ".pattern for a regular expression, not both");
			}
			if (this.pattern != null) {
				try {
					Pattern.compile(this.pattern);
				}
				catch (PatternSyntaxException ex) {
					throw new InvalidTracingPropertyException(property + ".pattern", this.pattern,
							"not a valid regular expression (" + ex.getDescription() + ")",
							"fix the regular expression, or use value for an exact match", ex);
				}
			}
		}

	}

}
