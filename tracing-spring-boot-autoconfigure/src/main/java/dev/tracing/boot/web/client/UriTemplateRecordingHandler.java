package dev.tracing.boot.web.client;

import java.net.URI;
import java.util.Map;

import org.springframework.web.util.UriTemplateHandler;

/**
 * Remembers, for the calling thread, the last URI template a RestTemplate expanded and the
 * URI it produced, so that {@link UrlTemplateInterceptor} can name the template of the
 * request that follows on the same thread. A template is only used for the very URI it
 * produced, and only once.
 */
final class UriTemplateRecordingHandler implements UriTemplateHandler {

	private static final ThreadLocal<Expansion> lastExpansion = new ThreadLocal<>();

	private final UriTemplateHandler delegate;

	UriTemplateRecordingHandler(UriTemplateHandler delegate) {
		this.delegate = delegate;
	}

	@Override
	public URI expand(String uriTemplate, Map<String, ?> uriVariables) {
		return record(uriTemplate, this.delegate.expand(uriTemplate, uriVariables));
	}

	@Override
	public URI expand(String uriTemplate, Object... uriVariables) {
		return record(uriTemplate, this.delegate.expand(uriTemplate, uriVariables));
	}

	private static URI record(String uriTemplate, URI uri) {
		if (uriTemplate.indexOf('{') >= 0) {
			lastExpansion.set(new Expansion(uriTemplate, uri));
		}
		return uri;
	}

	/** The template that produced this URI on this thread, if it was the last one expanded. */
	static String take(URI uri) {
		Expansion expansion = lastExpansion.get();
		if (expansion == null) {
			return null;
		}
		lastExpansion.remove();
		return expansion.uri().equals(uri) ? expansion.template() : null;
	}

	UriTemplateHandler delegate() {
		return this.delegate;
	}

	private record Expansion(String template, URI uri) {
	}

}
