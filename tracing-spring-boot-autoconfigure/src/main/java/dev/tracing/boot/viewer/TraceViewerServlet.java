package dev.tracing.boot.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the viewer: the page and its script and style sheet (all from the starter's jar, no
 * CDN, no external fonts), and the JSON API that backs them:
 * <ul>
 * <li>{@code GET <path>/api/traces?route=&status=&minDurationMs=&kind=&order=&limit=}: recent
 * traces, request traces first unless {@code order=newest-first};</li>
 * <li>{@code GET <path>/api/traces/<trace id>}: one trace with all its spans;</li>
 * <li>{@code POST <path>/v1/traces}: OTLP/HTTP spans of other local services
 * ({@link OtlpTraceReceiver}).</li>
 * </ul>
 * Every request is first checked by {@link ViewerAccess}.
 */
final class TraceViewerServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final String TRACES = "/api/traces";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final int DEFAULT_LIMIT = 200;

	private final transient TraceStore store;

	private final transient ViewerAccess access;

	private final transient String page;

	private final transient Map<String, Asset> assets;

	private final transient OtlpTraceReceiver otlp;

	/**
	 * @param otlp where OTLP requests go, or {@code null} when the viewer accepts none
	 */
	TraceViewerServlet(TraceStore store, ViewerAccess access, OtlpTraceReceiver otlp) {
		this.store = store;
		this.access = access;
		this.otlp = otlp;
		this.page = new String(read("index.html"), StandardCharsets.UTF_8);
		this.assets = Map.of("/viewer.js", new Asset("text/javascript;charset=UTF-8", read("viewer.js")),
				"/viewer.css", new Asset("text/css;charset=UTF-8", read("viewer.css")));
	}

	private static byte[] read(String name) {
		try (InputStream stream = TraceViewerServlet.class.getResourceAsStream(name)) {
			if (stream == null) {
				throw new IllegalStateException("Trace viewer resource " + name + " is missing from the jar");
			}
			return stream.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		// ViewerRequestFilter has refused it already, unless the filter was taken away.
		if (this.access.refuse(request, response)) {
			return;
		}
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Cache-Control", "no-store");
		super.service(request, response);
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = (request.getPathInfo() != null) ? request.getPathInfo() : "";
		if (path.isEmpty() || path.equals("/")) {
			page(request, response);
			return;
		}
		Asset asset = this.assets.get(path);
		if (asset != null) {
			response.setContentType(asset.contentType());
			response.setContentLength(asset.content().length);
			response.getOutputStream().write(asset.content());
			return;
		}
		if (path.equals(TRACES)) {
			traces(request, response);
			return;
		}
		if (path.startsWith(TRACES + "/")) {
			trace(path.substring(TRACES.length() + 1), response);
			return;
		}
		json(response, HttpServletResponse.SC_NOT_FOUND, error("no such viewer resource: " + path));
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = (request.getPathInfo() != null) ? request.getPathInfo() : "";
		if (this.otlp != null && path.equals(OtlpTraceReceiver.PATH)) {
			this.otlp.receive(request, response);
			return;
		}
		json(response, HttpServletResponse.SC_NOT_FOUND, error((this.otlp == null && path.equals(OtlpTraceReceiver.PATH))
				? "the viewer accepts no OTLP (tracing.viewer.receive-otlp=false)" : "no such viewer resource: " + path));
	}

	private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String base = escapeHtml(request.getContextPath() + request.getServletPath());
		byte[] content = this.page.replace("__BASE__", base).getBytes(StandardCharsets.UTF_8);
		response.setContentType("text/html;charset=UTF-8");
		response.setContentLength(content.length);
		response.getOutputStream().write(content);
	}

	private void traces(HttpServletRequest request, HttpServletResponse response) throws IOException {
		TraceQuery query;
		try {
			query = query(request);
		}
		catch (IllegalArgumentException ex) {
			json(response, HttpServletResponse.SC_BAD_REQUEST, error(ex.getMessage()));
			return;
		}
		json(response, HttpServletResponse.SC_OK, TraceJson.traces(this.store.find(query), this.store.statistics()));
	}

	private TraceQuery query(HttpServletRequest request) {
		String minDuration = request.getParameter("minDurationMs");
		Duration min = null;
		if (minDuration != null && !minDuration.isBlank()) {
			try {
				min = Duration.ofNanos(Math.round(Double.parseDouble(minDuration.trim()) * 1_000_000));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("minDurationMs must be a number of milliseconds, not '"
						+ minDuration + "'");
			}
		}
		int limit = Math.min(DEFAULT_LIMIT, this.store.limits().maxTraces());
		String limitParameter = request.getParameter("limit");
		if (limitParameter != null && !limitParameter.isBlank()) {
			try {
				limit = Math.min(Integer.parseInt(limitParameter.trim()), this.store.limits().maxTraces());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("limit must be a whole number, not '" + limitParameter + "'");
			}
		}
		String order = request.getParameter("order");
		boolean requestsFirst = true;
		if (order != null && !order.isBlank()) {
			requestsFirst = switch (order.trim().toLowerCase(Locale.ROOT)) {
				case "requests-first" -> true;
				case "newest-first" -> false;
				default -> throw new IllegalArgumentException(
						"order must be requests-first or newest-first, not '" + order + "'");
			};
		}
		return new TraceQuery(request.getParameter("route"), request.getParameter("status"), min, limit,
				request.getParameter("kind"), requestsFirst);
	}

	private void trace(String traceId, HttpServletResponse response) throws IOException {
		if (!TRACE_ID.matcher(traceId).matches()) {
			json(response, HttpServletResponse.SC_BAD_REQUEST,
					error("a trace id is 32 lower-case hexadecimal characters"));
			return;
		}
		String body = this.store.get(traceId).map(TraceJson::trace).orElse(null);
		if (body == null) {
			json(response, HttpServletResponse.SC_NOT_FOUND,
					error("trace " + traceId + " is not in the viewer (never seen, or evicted)"));
			return;
		}
		json(response, HttpServletResponse.SC_OK, body);
	}

	private static String error(String message) {
		return new JsonWriter().beginObject().name("error").value(message).endObject().toString();
	}

	private static void json(HttpServletResponse response, int status, String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("application/json");
		response.setContentLength(content.length);
		response.getOutputStream().write(content);
	}

	private static String escapeHtml(String value) {
		return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private record Asset(String contentType, byte[] content) {
	}

}
