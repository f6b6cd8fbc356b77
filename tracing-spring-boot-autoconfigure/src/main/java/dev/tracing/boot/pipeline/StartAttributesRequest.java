package dev.tracing.boot.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * A {@link SamplingRequest} read from a span's start attributes, for spans that the SDK's
 * sampler sees: request headers are the {@code http.request.header.<name>} attributes the
 * server instrumentation captured.
 */
final class StartAttributesRequest implements SamplingRequest {

	private static final Map<String, AttributeKey<List<String>>> headerKeys = new ConcurrentHashMap<>();

	private final SpanKind kind;

	private final String name;

	private final SpanContext remoteParent;

	private final String traceId;

	private final Attributes attributes;

	private String url;

	StartAttributesRequest(SpanKind kind, String name, SpanContext remoteParent, String traceId,
			Attributes attributes) {
		this.kind = kind;
		this.name = name;
		this.remoteParent = remoteParent;
		this.traceId = traceId;
		this.attributes = attributes;
	}

	@Override
	public SpanKind kind() {
		return this.kind;
	}

	@Override
	public String name() {
		return (this.name != null) ? this.name : "";
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
		return (this.kind == SpanKind.SERVER) ? this.attributes.get(UrlAttributes.URL_PATH) : null;
	}

	@Override
	public String url() {
		String path = path();
		if (path == null) {
			return null;
		}
		if (this.url == null) {
			StringBuilder url = new StringBuilder(64);
			String scheme = this.attributes.get(UrlAttributes.URL_SCHEME);
			String host = this.attributes.get(ServerAttributes.SERVER_ADDRESS);
			if (scheme != null && host != null) {
				url.append(scheme).append("://").append(host);
				Long port = this.attributes.get(ServerAttributes.SERVER_PORT);
				if (port != null) {
					url.append(':').append(port.longValue());
				}
			}
			url.append(path);
			String query = this.attributes.get(UrlAttributes.URL_QUERY);
			if (query != null) {
				url.append('?').append(query);
			}
			this.url = url.toString();
		}
		return this.url;
	}

	@Override
	public String header(String name) {
		AttributeKey<List<String>> key = headerKeys.get(name);
		if (key == null) {
			key = AttributeKey.stringArrayKey("http.request.header." + name.toLowerCase(Locale.ROOT));
			if (headerKeys.size() < 256) {
				headerKeys.put(name, key);
			}
		}
		List<String> values = this.attributes.get(key);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	@Override
	public <T> T attribute(AttributeKey<T> key) {
		return this.attributes.get(key);
	}

}
