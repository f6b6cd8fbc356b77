package dev.tracing.boot.web.client;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds {@code url.template} to the client span of a WebClient call made with a URI
 * template. Placed after the engine's filter, which calls the next filter with its client
 * span current.
 */
final class UrlTemplateExchangeFilter implements ExchangeFilterFunction {

	/** The attribute under which WebClient passes the template, as its observations read it. */
	static final String WEB_CLIENT_URI_TEMPLATE = WebClient.class.getName() + ".uriTemplate";

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		Object template = request.attributes().get(WEB_CLIENT_URI_TEMPLATE);
		if (template instanceof String value) {
			UrlTemplates.applyToCurrentClientSpan(value);
		}
		return next.exchange(request);
	}

}
