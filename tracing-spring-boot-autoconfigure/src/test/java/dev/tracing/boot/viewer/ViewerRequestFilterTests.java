package dev.tracing.boot.viewer;

import java.util.ArrayList;
import java.util.List;

import dev.tracing.boot.pipeline.RuleBasedSampler;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import jakarta.servlet.http.MappingMatch;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerRequestFilterTests {

	private final ViewerRequestFilter filter = new ViewerRequestFilter("traceViewer", new ViewerAccess(false));

	private final List<Boolean> marked = new ArrayList<>();

	@Test
	void marksTheContextOfARequestMappedToTheViewer() throws Exception {
		MockHttpServletResponse response = filter(request("/app/tracing/api/traces", "/app", "/tracing", "/api/traces"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.marked).containsExactly(true);
		assertThat(isMarked(Context.current())).isFalse();
	}

	@Test
	void leavesRequestsToOtherServletsAlone() throws Exception {
		MockHttpServletRequest request = request("/tracing/special", "", "/tracing/special", null);
		request.setHttpServletMapping(new MockHttpServletMapping("", "/tracing/special", "special", MappingMatch.EXACT));
		request.setRemoteAddr("192.0.2.7");
		assertThat(filter(request).getStatus()).isEqualTo(200);
		assertThat(this.marked).containsExactly(false);
	}

	@Test
	void refusesARemoteClientBeforeAnythingElse() throws Exception {
		MockHttpServletRequest request = request("/tracing;x=1", "", "/tracing", null);
		request.setRemoteAddr("192.0.2.7");
		MockHttpServletResponse response = filter(request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("comes from 192.0.2.7");
		assertThat(this.marked).isEmpty();
	}

	@Test
	void redirectsASpellingThatDoesNotStartWithTheServletPathToTheCanonicalOne() throws Exception {
		MockHttpServletRequest request = request("//app/%74racing;x=1/api/traces", "//app", "/tracing", "/api/traces");
		request.setQueryString("limit=5&route=/orders");
		MockHttpServletResponse response = filter(request);
		assertThat(response.getStatus()).isEqualTo(308);
		assertThat(response.getHeader("Location")).isEqualTo("/app/tracing/api/traces?limit=5&route=/orders");
		assertThat(this.marked).isEmpty();
	}

	@Test
	void encodesThePathInfoOfTheRedirect() {
		MockHttpServletRequest request = request("/x/../tracing/api/traces/a b;c", "", "/tracing", "/api/traces/a b;c\u00e9");
		assertThat(ViewerRequestFilter.canonicalUrl(request)).isEqualTo("/tracing/api/traces/a%20b%3Bc%C3%A9");
	}

	@Test
	void aSpellingIsCanonicalWhenItStartsWithTheContextAndServletPathAsWholeSegments() {
		assertThat(ViewerRequestFilter.isCanonical(request("/tracing", "", "/tracing", null))).isTrue();
		assertThat(ViewerRequestFilter.isCanonical(request("/tracing/", "", "/tracing", "/"))).isTrue();
		assertThat(ViewerRequestFilter.isCanonical(request("/tracing/;x", "", "/tracing", "/"))).isTrue();
		assertThat(ViewerRequestFilter.isCanonical(request("/tracing//api", "", "/tracing", "/api"))).isTrue();
		assertThat(ViewerRequestFilter.isCanonical(request("/tracing;x", "", "/tracing", null))).isFalse();
		assertThat(ViewerRequestFilter.isCanonical(request("//tracing", "", "/tracing", null))).isFalse();
		assertThat(ViewerRequestFilter.isCanonical(request("/./tracing", "", "/tracing", null))).isFalse();
		assertThat(ViewerRequestFilter.isCanonical(request("/%74racing", "", "/tracing", null))).isFalse();
	}

	@Test
	void samplerDropsWhatTheFilterMarkedEvenUnderASampledRemoteParent() {
		Sampler sampler = new RuleBasedSampler(List.of(), Sampler.alwaysOn());
		SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault());
		Context parent = Context.root().with(Span.wrap(remote));
		assertThat(sampler.shouldSample(parent, remote.getTraceId(), "GET", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		Context viewer = RuleBasedSampler.withDecision(parent, false);
		for (SpanKind kind : SpanKind.values()) {
			assertThat(sampler.shouldSample(viewer, remote.getTraceId(), "GET", kind, Attributes.empty(), List.of())
				.getDecision()).as(kind.name()).isEqualTo(SamplingDecision.DROP);
		}
	}

	/** Whether the root sampler drops what starts in this context, whatever the ratio says. */
	private static boolean isMarked(Context context) {
		return new RuleBasedSampler(List.of(), Sampler.alwaysOn())
			.shouldSample(context, "0af7651916cd43dd8448eb211c80319c", "GET", SpanKind.SERVER, Attributes.empty(),
					List.of())
			.getDecision() == SamplingDecision.DROP;
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain() {

			@Override
			public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
				ViewerRequestFilterTests.this.marked.add(isMarked(Context.current()));
			}

		});
		return response;
	}

	/**
	 * A loopback request as Tomcat presents it: the raw URI and context path as sent, the
	 * servlet path and path info as resolved.
	 */
	private static MockHttpServletRequest request(String uri, String contextPath, String servletPath, String pathInfo) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		request.setServletPath(servletPath);
		request.setPathInfo(pathInfo);
		request.setRemoteAddr("127.0.0.1");
		request.setServerName("localhost");
		request.setHttpServletMapping(
				new MockHttpServletMapping(servletPath.substring(1), servletPath + "/*", "traceViewer", MappingMatch.PATH));
		if (contextPath.startsWith("//")) {
			((org.springframework.mock.web.MockServletContext) request.getServletContext()).setContextPath("/app");
		}
		else {
			((org.springframework.mock.web.MockServletContext) request.getServletContext()).setContextPath(contextPath);
		}
		return request;
	}

}
