package dev.tracing.boot.sampling;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.tracing.boot.pipeline.SamplingRequest;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;

/**
 * One compiled header rule. Reads the header from the request (or from the
 * {@code http.request.header.<name>} attribute the server instrumentation captured, when the
 * SDK's sampler asks) and, for {@code tracestate}, also from the remote parent's
 * {@link TraceState}.
 */
final class HeaderMatcher {

	private static final String TRACESTATE = "tracestate";

	private final String header;

	private final String value;

	private final Pattern pattern;

	private final String traceStateKey;

	private final String traceStateValue;

	HeaderMatcher(SamplingProperties.HeaderRule rule) {
		this.header = rule.header().toLowerCase(Locale.ROOT);
		this.value = rule.value();
		this.pattern = (rule.pattern() != null) ? Pattern.compile(rule.pattern()) : null;
		int separator = (this.value != null && TRACESTATE.equals(this.header)) ? this.value.indexOf('=') : -1;
		this.traceStateKey = (separator > 0) ? this.value.substring(0, separator).trim() : null;
		this.traceStateValue = (separator > 0) ? this.value.substring(separator + 1).trim() : null;
	}

	boolean matches(SamplingRequest request) {
		String value = request.header(this.header);
		if (value != null && matchesHeaderValue(value)) {
			return true;
		}
		SpanContext parent = request.remoteParent();
		return TRACESTATE.equals(this.header) && parent.isValid() && matchesTraceState(parent.getTraceState());
	}

	private boolean matchesHeaderValue(String candidate) {
		if (this.pattern != null) {
			return this.pattern.matcher(candidate).find();
		}
		if (this.value.equals(candidate)) {
			return true;
		}
		if (this.traceStateKey != null) {
			for (String member : candidate.split(",")) {
				if (this.value.equals(member.trim())) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean matchesTraceState(TraceState traceState) {
		if (traceState.isEmpty()) {
			return false;
		}
		if (this.pattern != null) {
			StringBuilder header = new StringBuilder();
			traceState.forEach((key, entry) -> header.append(header.length() > 0 ? "," : "").append(key).append('=')
				.append(entry));
			return this.pattern.matcher(header).find();
		}
		return this.traceStateKey != null && this.traceStateValue.equals(traceState.get(this.traceStateKey));
	}

	@Override
	public String toString() {
		return this.header + ((this.pattern != null) ? " matching " + this.pattern : " " + this.value);
	}

}
