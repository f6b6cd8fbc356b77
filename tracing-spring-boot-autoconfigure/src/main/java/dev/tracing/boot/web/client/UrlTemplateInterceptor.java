package dev.tracing.boot.web.client;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Adds {@code url.template} to the client span of a RestClient or RestTemplate call made
 * with a URI template. Runs inside the engine's interceptor, where its client span is
 * current. RestClient passes the template as a request attribute; RestTemplate does not,
 * so {@link UriTemplateRecordingHandler} records it as it expands it.
 */
final class UrlTemplateInterceptor implements ClientHttpRequestInterceptor {

	/** The attribute under which RestClient passes the template, as its observations read it. */
	static final String REST_CLIENT_URI_TEMPLATE = RestClient.class.getName() + ".uriTemplate";

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Object template = request.getAttributes().get(REST_CLIENT_URI_TEMPLATE);
		UrlTemplates.applyToCurrentClientSpan(
				(template instanceof String value) ? value : UriTemplateRecordingHandler.take(request.getURI()));
		return execution.execute(request, body);
	}

}
