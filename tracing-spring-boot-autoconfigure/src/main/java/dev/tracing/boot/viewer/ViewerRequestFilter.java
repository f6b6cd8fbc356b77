package dev.tracing.boot.viewer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.tracing.boot.pipeline.RuleBasedSampler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;

/**
 * Runs ahead of every other filter, before the engine's server span starts, on the requests
 * that the servlet container maps to the viewer's servlet, whatever their spelling
 * ({@code /tracing;x=1}, {@code //tracing/api/traces}, {@code /%74racing}): the container has
 * already resolved the mapping, so the decision is the container's, not a pattern's.
 * <ul>
 * <li>A client the viewer does not answer is refused with 403 here, before anything is
 * traced.</li>
 * <li>A URL whose raw spelling does not start with the servlet's own path is redirected (308)
 * to the canonical spelling, without passing on. Spring's request path parser, which the
 * engine's route lookup runs on every request after the response, rejects such a URL for a
 * path-mapped servlet ({@code Invalid contextPath '/tracing'}), and the exception escaped the
 * engine's filter as an ERROR with a stack trace, turning a 403 into a 500.</li>
 * <li>Every other request goes on in a context where the root sampler has decided not to
 * sample ({@link RuleBasedSampler#withDecision}): no span started under it is recorded, the
 * server span first.</li>
 * </ul>
 */
final class ViewerRequestFilter extends HttpFilter {

	private static final long serialVersionUID = 1L;

	/** Ahead of the engine's filter ({@code HIGHEST_PRECEDENCE + 1}), which starts the server span. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final String servletName;

	private final transient ViewerAccess access;

	ViewerRequestFilter(String servletName, ViewerAccess access) {
		this.servletName = servletName;
		this.access = access;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletMapping mapping = request.getHttpServletMapping();
		if (mapping == null || !this.servletName.equals(mapping.getServletName())) {
			// Mapped below the viewer's path to a servlet of the application's own.
			chain.doFilter(request, response);
			return;
		}
		if (this.access.refuse(request, response)) {
			return;
		}
		if (!isCanonical(request)) {
			response.setStatus(308);
			response.setHeader("Location", canonicalUrl(request));
			response.setHeader("Cache-Control", "no-store");
			return;
		}
		try (Scope scope = RuleBasedSampler.withDecision(Context.current(), false).makeCurrent()) {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Whether the raw URL starts with the context path and the servlet path as whole segments,
	 * which is what Spring's request path parser requires of a request to a path-mapped servlet.
	 */
	static boolean isCanonical(HttpServletRequest request) {
		String prefix = request.getContextPath() + request.getServletPath();
		String uri = request.getRequestURI();
		return uri.startsWith(prefix) && (uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/');
	}

	/**
	 * The same resource, spelled as the container resolved it: the configured context path,
	 * the servlet path, the decoded path info encoded again, and the query string as sent.
	 */
	static String canonicalUrl(HttpServletRequest request) {
		StringBuilder url = new StringBuilder(request.getServletContext().getContextPath())
			.append(request.getServletPath());
		String pathInfo = request.getPathInfo();
		if (pathInfo != null) {
			encodePath(pathInfo, url);
		}
		String query = request.getQueryString();
		if (query != null) {
			url.append('?').append(query);
		}
		return url.toString();
	}

	private static void encodePath(String path, StringBuilder url) {
		for (byte octet : path.getBytes(StandardCharsets.UTF_8)) {
			int character = octet & 0xff;
			if (isPathCharacter(character)) {
				url.append((char) character);
			}
			else {
				url.append('%').append(Character.toUpperCase(Character.forDigit(character >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(character & 0xf, 16)));
			}
		}
	}

	/** Unreserved characters and the sub-delimiters a path segment may hold, except ';'. */
	private static boolean isPathCharacter(int character) {
		return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
				|| (character >= '0' && character <= '9') || "-._~/!$&'()*+,=:@".indexOf(character) >= 0;
	}

}
