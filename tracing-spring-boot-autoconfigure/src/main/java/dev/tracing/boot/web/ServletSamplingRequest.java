package dev.tracing.boot.web;

import dev.tracing.boot.pipeline.SamplingRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A request arriving, as the sampling rules see it before any span exists: read straight
 * from the servlet request, so that deciding costs no attribute.
 */
final class ServletSamplingRequest implements SamplingRequest {

	private final HttpServletRequest request;

	private final SpanContext remoteParent;

	private final String traceId;

	private String url;

	ServletSamplingRequest(HttpServletRequest request, SpanContext remoteParent, String traceId) {
		this.request = request;
		this.remoteParent = remoteParent;
		this.traceId = traceId;
	}

	@Override
	public SpanKind kind() {
		return SpanKind.SERVER;
	}

	@Override
	public String name() {
		return "";
	}

	@Override
	public SpanContext remoteParent() {
		return this.remoteParent;
	}

	@Override
	public String traceId() {
		return this.traceId;
	}

	@Override
	public String path() {
		return this.request.getRequestURI();
	}

	@Override
	public String url() {
		if (this.url == null) {
			String path = path();
			String query = this.request.getQueryString();
			StringBuilder url = new StringBuilder(48 + path.length() + ((query != null) ? query.length() : 0));
			url.append(this.request.getScheme()).append("://").append(this.request.getServerName()).append(':')
				.append(this.request.getServerPort()).append(path);
			if (query != null) {
				url.append('?').append(query);
			}
			this.url = url.toString();
		}
		return this.url;
	}

	@Override
	public String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T attribute(AttributeKey<T> key) {
		Object value = null;
		if (key.equals(UrlAttributes.URL_PATH)) {
			value = path();
		}
		else if (key.equals(UrlAttributes.URL_QUERY)) {
			value = this.request.getQueryString();
		}
		else if (key.equals(UrlAttributes.URL_SCHEME)) {
			value = this.request.getScheme();
		}
		else if (key.equals(HttpAttributes.HTTP_REQUEST_METHOD)) {
			value = this.request.getMethod();
		}
		else if (key.equals(ServerAttributes.SERVER_ADDRESS)) {
			value = this.request.getServerName();
		}
		else if (key.equals(ServerAttributes.SERVER_PORT)) {
			value = (long) this.request.getServerPort();
		}
		return (T) value;
	}

}
