package dev.tracing.boot.web;

import java.io.IOException;

import dev.tracing.boot.pipeline.RootTraceIds;
import dev.tracing.boot.pipeline.RuleBasedSampler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Makes the server span of each request, deciding first whether to sample it, from what
 * costs nothing: the caller's {@code traceparent}, the URL, the headers the rules name and
 * the trace id the ratio decides by.
 * <ul>
 * <li>A request that is sampled goes through the OpenTelemetry Spring MVC library filter
 * (the one the engine would register), so its server span is the engine's, attribute for
 * attribute; the root sampler is told the decision and does not take it again.</li>
 * <li>A request that is not sampled gets no span at all: no attribute is extracted and
 * nothing is recorded. It still runs in a trace context, a span context with the sampled flag
 * off (continuing the caller's trace, if any), so outgoing calls and messages propagate a
 * {@code traceparent} that says "not sampled", its statements and calls make no spans, and log
 * lines carry its trace id.</li>
 * </ul>
 */
final class ServerSpanFilter implements Filter {

	/** Where the engine's own filter would run: just after every {@code HIGHEST_PRECEDENCE} filter. */
	static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1;

	private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(HttpServletRequest request) {
			return java.util.Collections.list(request.getHeaderNames());
		}

		@Override
		public String get(HttpServletRequest request, String key) {
			return (request != null) ? request.getHeader(key) : null;
		}

	};

	private final RuleBasedSampler sampler;

	private final TextMapPropagator propagator;

	private final Filter serverSpans;

	/**
	 * @param sampler the root sampler, or {@code null} when the application replaced it with
	 * a sampler that can only decide when the span starts
	 * @param propagator the propagators the engine configured
	 * @param serverSpans the filter that makes the server span of a sampled request
	 */
	ServerSpanFilter(RuleBasedSampler sampler, TextMapPropagator propagator, Filter serverSpans) {
		this.sampler = sampler;
		this.propagator = propagator;
		this.serverSpans = serverSpans;
	}

	@Override
	public void init(FilterConfig filterConfig) throws ServletException {
		this.serverSpans.init(filterConfig);
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (this.sampler == null || !(servletRequest instanceof HttpServletRequest request)
				|| Span.current().getSpanContext().isValid()) {
			// Not HTTP, or already inside a span (a forward or an include of a request being
			// traced): the library filter does what the engine's would.
			this.serverSpans.doFilter(servletRequest, response, chain);
			return;
		}
		Context parent = this.propagator.extract(Context.current(), request, HEADERS);
		SpanContext remoteParent = Span.fromContext(parent).getSpanContext();
		String traceId = remoteParent.isValid() ? remoteParent.getTraceId() : RootTraceIds.reserve();
		try {
			// A filter ahead of this one may have decided already (the viewer's, for its own requests).
			Boolean decided = RuleBasedSampler.decision(parent);
			if ((decided != null) ? decided
					: this.sampler.isSampled(new ServletSamplingRequest(request, remoteParent, traceId), parent)) {
				try (Scope scope = RuleBasedSampler.withDecision(Context.current(), true).makeCurrent()) {
					this.serverSpans.doFilter(request, response, chain);
				}
				return;
			}
		}
		finally {
			RootTraceIds.release();
		}
		SpanContext notSampled = SpanContext.create(traceId, RootTraceIds.spanId(), TraceFlags.getDefault(),
				remoteParent.isValid() ? remoteParent.getTraceState() : TraceState.getDefault());
		try (Scope scope = parent.with(Span.wrap(notSampled)).makeCurrent()) {
			chain.doFilter(request, response);
		}
	}

	@Override
	public void destroy() {
		this.serverSpans.destroy();
	}

}
