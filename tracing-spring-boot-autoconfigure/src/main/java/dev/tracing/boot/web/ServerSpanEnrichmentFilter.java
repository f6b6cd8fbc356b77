package dev.tracing.boot.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds to the server span that the engine's Spring MVC filter makes, from just inside it:
 * {@code http.auth.present}, the request and response hooks, and captured bodies. Makes no
 * span of its own. The span is kept on the request so that exception handlers and
 * {@link TracingErrors} find it, and so that an asynchronous request is finished in the
 * dispatch that completes it, before the engine ends the span.
 * <p>
 * A request whose parameters Tomcat refuses to parse is answered here with the status Tomcat
 * would send after the whole chain (see {@link RejectedParameters}), so that the engine's
 * filter records the 400 or 413 the client receives, not a 500 and an error.
 */
final class ServerSpanEnrichmentFilter extends OncePerRequestFilter implements Ordered {

	/** Right after the engine's filter, which runs at {@code HIGHEST_PRECEDENCE + 1}. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	static final AttributeKey<Boolean> AUTH_PRESENT = AttributeKey.booleanKey("http.auth.present");

	private static final String EXCHANGE = ServerSpanEnrichmentFilter.class.getName() + ".exchange";

	private static final Log logger = LogFactory.getLog(ServerSpanEnrichmentFilter.class);

	private final List<ServerSpanRequestHook> requestHooks;

	private final List<ServerSpanResponseHook> responseHooks;

	private final BodyCapture requestBodies;

	private final BodyCapture responseBodies;

	private final Set<Class<?>> failedHooks = ConcurrentHashMap.newKeySet();

	/**
	 * @param requestBodies how to capture request bodies, or {@code null} not to
	 * @param responseBodies how to capture response bodies, or {@code null} not to
	 */
	ServerSpanEnrichmentFilter(List<ServerSpanRequestHook> requestHooks, List<ServerSpanResponseHook> responseHooks,
			BodyCapture requestBodies, BodyCapture responseBodies) {
		this.requestHooks = List.copyOf(requestHooks);
		this.responseHooks = List.copyOf(responseHooks);
		this.requestBodies = requestBodies;
		this.responseBodies = responseBodies;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Exchange exchange = (Exchange) request.getAttribute(EXCHANGE);
		if (exchange == null) {
			Span span = isAsyncDispatch(request) ? Span.getInvalid() : serverSpan();
			if (!span.isRecording()) {
				proceed(chain, request, response);
				return;
			}
			request.setAttribute(ServerSpans.ATTRIBUTE, span);
			onRequest(span, request);
			if (this.requestBodies == null && this.responseBodies == null && this.responseHooks.isEmpty()) {
				proceed(chain, request, response);
				return;
			}
			exchange = start(span, request, response);
			request.setAttribute(EXCHANGE, exchange);
			if (exchange.request != null) {
				request = exchange.request;
			}
			if (exchange.response != null) {
				response = exchange.response;
			}
		}
		try {
			proceed(chain, request, response);
		}
		finally {
			if (!request.isAsyncStarted()) {
				finish(exchange, request, response);
			}
		}
	}

	private static void proceed(FilterChain chain, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			RuntimeException rejected = RejectedParameters.of(ex);
			if (rejected == null || response.isCommitted()) {
				throw ex;
			}
			answerRejected(request, response, ex, rejected);
		}
	}

	/**
	 * Sends the error status that Tomcat would send once the exception left the chain, with
	 * the exception as the error page's {@code jakarta.servlet.error.exception}, as Tomcat
	 * sets it, so the client receives the same answer.
	 */
	private static void answerRejected(HttpServletRequest request, HttpServletResponse response, Exception thrown,
			RuntimeException rejected) throws IOException {
		int status = RejectedParameters.status(rejected);
		HandledExceptionRecorder.record(request, ServerSpans.of(request), rejected);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, thrown);
		response.sendError(status);
		if (logger.isDebugEnabled()) {
			logger.debug("Answered " + status + " to " + request.getMethod() + " " + request.getRequestURI()
					+ ": Tomcat could not parse its parameters", rejected);
		}
	}

	private static Span serverSpan() {
		Context context = Context.current();
		Span root = LocalRootSpan.fromContextOrNull(context);
		return (root != null) ? root : Span.fromContext(context);
	}

	private void onRequest(Span span, HttpServletRequest request) {
		if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			span.setAttribute(AUTH_PRESENT, true);
		}
		for (ServerSpanRequestHook hook : this.requestHooks) {
			try {
				hook.onRequest(span, request);
			}
			catch (RuntimeException ex) {
				hookFailed(hook, ex);
			}
		}
	}

	/** Starts what has to be finished when the response is complete: bodies and response hooks. */
	private Exchange start(Span span, HttpServletRequest request, HttpServletResponse response) {
		BodyCapturingRequest capturingRequest = null;
		if (this.requestBodies != null && this.requestBodies.captures(request.getContentType())) {
			if (this.requestBodies.omitsLength(request.getContentLengthLong())) {
				this.requestBodies.omitTooLarge(span);
			}
			else {
				capturingRequest = new BodyCapturingRequest(request, this.requestBodies.newBody());
			}
		}
		BodyCapturingResponse capturingResponse = (this.responseBodies != null) ? new BodyCapturingResponse(response,
				this.responseBodies.newBody(), this.responseBodies::captures) : null;
		return new Exchange(span, capturingRequest, capturingResponse);
	}

	private void finish(Exchange exchange, HttpServletRequest request, HttpServletResponse response) {
		if (exchange.finished) {
			return;
		}
		exchange.finished = true;
		Span span = exchange.span;
		try {
			if (exchange.request != null) {
				CapturedBody body = exchange.request.body();
				String contentType = exchange.request.getContentType();
				if (body.isEmpty() && BodyCapture.isForm(contentType)) {
					// Tomcat parses a POSTed form without going through the wrapper's stream.
					String form = formBody(exchange.request);
					body.appendChars(form, 0, form.length());
				}
				this.requestBodies.record(span, body, contentType, exchange.request.getCharacterEncoding());
			}
			if (exchange.response != null) {
				this.responseBodies.record(span, exchange.response.body(), exchange.response.getContentType(),
						exchange.response.getCharacterEncoding());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record a body on the server span", ex);
		}
		for (ServerSpanResponseHook hook : this.responseHooks) {
			try {
				hook.onResponse(span, request, response);
			}
			catch (RuntimeException ex) {
				hookFailed(hook, ex);
			}
		}
	}

	/** The form parameters that came in the body, re-encoded: those not in the query string. */
	private static String formBody(HttpServletRequest request) {
		Set<String> queryNames = new HashSet<>();
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				queryNames.add(URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair,
						StandardCharsets.UTF_8));
			}
		}
		StringBuilder form = new StringBuilder();
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (queryNames.contains(parameter.getKey())) {
				continue;
			}
			for (String value : parameter.getValue()) {
				if (!form.isEmpty()) {
					form.append('&');
				}
				form.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		return form.toString();
	}

	private void hookFailed(Object hook, RuntimeException ex) {
		if (this.failedHooks.add(hook.getClass())) {
			logger.warn("Tracing hook " + hook.getClass().getName()
					+ " failed; the request carries on. Further failures of this hook are logged at DEBUG", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Tracing hook " + hook.getClass().getName() + " failed", ex);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/** What the filter keeps about one traced request, across its dispatches. */
	private static final class Exchange {

		private final Span span;

		private final BodyCapturingRequest request;

		private final BodyCapturingResponse response;

		private boolean finished;

		Exchange(Span span, BodyCapturingRequest request, BodyCapturingResponse response) {
			this.span = span;
			this.request = request;
			this.response = response;
		}

	}

}
