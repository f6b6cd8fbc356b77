package dev.tracing.boot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tracing of HTTP requests: which are traced, and what of their headers and bodies is
 * recorded. Nothing of a header or a body is recorded unless a property here asks for it,
 * and then only after redaction.
 *
 * @param excludedUrls Regular expressions searched anywhere in the request URL
 * (scheme://host:port/path?query); a matching request produces no span at all, and none of
 * its SQL, Redis or client spans either. A list, or one comma-separated string such as
 * client/.*\/info,healthcheck.
 * @param captureRequestHeaders Names of incoming request headers recorded on the server span
 * as http.request.header.NAME attributes, case-insensitive, for example user-agent or
 * x-request-id. Values of headers named by tracing.redaction.sensitive-keys are replaced by
 * [REDACTED].
 * @param captureResponseHeaders Names of response headers recorded on the server span as
 * http.response.header.NAME attributes, case-insensitive.
 * @param captureRequestBody Whether to record the request body that the application reads
 * as the tracing.http.request.body attribute, for JSON, text and form content only.
 * @param captureResponseBody Whether to record the response body as the
 * tracing.http.response.body attribute, for JSON, text and form content only.
 * @param maxBodySize The most bytes of a body that are kept for a span; longer bodies are
 * truncated with a marker. Also bounds the memory that capture uses per request.
 * @param redactRequestBody JSONPath expressions, such as $.user.email or
 * $.users[*].credit_card, whose values in the request body become [CLIENT_REDACTED]. When
 * set, a request body that is not complete, valid JSON is not recorded at all.
 * @param redactResponseBody JSONPath expressions whose values in the response body become
 * [CLIENT_REDACTED]. When set, a response body that is not complete, valid JSON is not
 * recorded at all.
 * @param client Outgoing HTTP calls made with RestClient, RestTemplate or WebClient.
 * @param serverInstrumentation What makes the server spans of Spring MVC requests: starter
 * (the default) decides whether to sample a request before any span or attribute exists, so
 * that a request that is not sampled costs almost nothing, and makes the span of one that is
 * with the OpenTelemetry Spring MVC library, as the engine does; engine leaves it to the
 * OpenTelemetry Spring Boot starter's own filter, which builds every span before the sampler
 * decides.
 */
@ConfigurationProperties("tracing.web")
public record WebTracingProperties(List<String> excludedUrls, List<String> captureRequestHeaders,
		List<String> captureResponseHeaders, @DefaultValue("false") boolean captureRequestBody, @DefaultValue("false") boolean captureResponseBody,
		@DefaultValue("4KB") DataSize maxBodySize, List<String> redactRequestBody, List<String> redactResponseBody,
		@DefaultValue Client client, @DefaultValue("starter") ServerInstrumentation serverInstrumentation) {

	/** Headers redacted whatever the sensitive keys say: credentials never leave the process. */
	static final List<String> ALWAYS_REDACTED_HEADERS = List.of("authorization", "proxy-authorization");

	/** Properties of earlier versions, replaced by tracing.redaction.sensitive-keys. */
	static final List<String> REPLACED_BY_SENSITIVE_KEYS = List.of("tracing.web.redact-headers",
			"tracing.web.redact-query-parameters");

	static final DataSize LARGEST_BODY_SIZE = DataSize.ofMegabytes(1);

	public WebTracingProperties {
		excludedUrls = trimmed(excludedUrls);
		validateExcludedUrls(excludedUrls);
		captureRequestHeaders = headerNames("tracing.web.capture-request-headers", captureRequestHeaders);
		captureResponseHeaders = headerNames("tracing.web.capture-response-headers", captureResponseHeaders);
		if (maxBodySize == null) {
			maxBodySize = DataSize.ofKilobytes(4);
		}
		if (maxBodySize.toBytes() < 1 || maxBodySize.compareTo(LARGEST_BODY_SIZE) > 0) {
			throw new InvalidTracingPropertyException("tracing.web.max-body-size", maxBodySize,
					"must be between 1B and " + LARGEST_BODY_SIZE,
					"use a size such as 4KB; a span is not the place for a whole document");
		}
		redactRequestBody = jsonPaths("tracing.web.redact-request-body", redactRequestBody);
		redactResponseBody = jsonPaths("tracing.web.redact-response-body", redactResponseBody);
		if (client == null) {
			client = new Client(null, null);
		}
		if (serverInstrumentation == null) {
			serverInstrumentation = ServerInstrumentation.STARTER;
		}
	}

	/** Fails start-up when a property replaced by tracing.redaction.sensitive-keys is set. */
	static void rejectReplacedProperties(Binder binder) {
		for (String property : REPLACED_BY_SENSITIVE_KEYS) {
			binder.bind(property, Bindable.listOf(String.class))
				.ifBound((value) -> {
					throw new InvalidTracingPropertyException(property, String.join(",", value),
							"this property was replaced by tracing.redaction.sensitive-keys, one list of "
									+ "case-insensitive wildcard patterns for headers, query and form parameters, "
									+ "JSON fields and attributes",
							"remove it; the defaults of tracing.redaction.sensitive-keys already cover "
									+ "authorization, cookies, API keys, tokens and passwords, or list your own "
									+ "patterns there, such as *token*,x-internal-key");
				});
		}
	}

	private static List<String> trimmed(List<String> values) {
		return (values != null) ? values.stream().map(String::trim).filter((value) -> !value.isEmpty()).toList()
				: List.of();
	}

	private static void validateExcludedUrls(List<String> excludedUrls) {
		for (int i = 0; i < excludedUrls.size(); i++) {
			try {
				Pattern.compile(excludedUrls.get(i));
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidTracingPropertyException("tracing.web.excluded-urls[" + i + "]", excludedUrls.get(i),
						"not a valid regular expression (" + ex.getDescription() + ")",
						"fix or remove the expression; patterns are searched anywhere in the URL, "
								+ "so /health excludes /health and /health/ready", ex);
			}
		}
	}

	static List<String> headerNames(String property, List<String> names) {
		List<String> headers = new ArrayList<>();
		List<String> trimmed = trimmed(names);
		for (int i = 0; i < trimmed.size(); i++) {
			String name = trimmed.get(i);
			if (!name.chars().allMatch(WebTracingProperties::isHeaderNameCharacter)) {
				throw new InvalidTracingPropertyException(property + "[" + i + "]", name,
						"not an HTTP header name (no spaces, colons or wildcards)",
						"list header names one by one, for example user-agent,x-request-id");
			}
			String lowerCase = name.toLowerCase(Locale.ROOT);
			if (!headers.contains(lowerCase)) {
				headers.add(lowerCase);
			}
		}
		return List.copyOf(headers);
	}

	private static boolean isHeaderNameCharacter(int c) {
		// RFC 9110 token characters, without the glob characters the engine would interpret.
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'+-.^_`|~".indexOf(c) >= 0;
	}

	private static List<String> jsonPaths(String property, List<String> paths) {
		List<String> expressions = trimmed(paths);
		for (int i = 0; i < expressions.size(); i++) {
			String expression = expressions.get(i);
			try {
				if (!expression.startsWith("$")) {
					throw new InvalidPathException("a path must start at the document root, $");
				}
				JsonPath.compile(expression);
			}
			catch (InvalidPathException ex) {
				throw new InvalidTracingPropertyException(property + "[" + i + "]", expression,
						"not a valid JSONPath expression (" + ex.getMessage() + ")",
						"use an expression such as $.user.email, $.users[*].credit_card or $.user.addresses", ex);
			}
		}
		return expressions;
	}

	/** What makes the server spans of Spring MVC requests. */
	public enum ServerInstrumentation {

		/** The starter's filter: sampling decided first, spans by the OpenTelemetry library filter. */
		STARTER,
		/** The engine's own filter. */
		ENGINE

	}

	/**
	 * Outgoing HTTP calls. Their client spans also get url.template when the call was made
	 * with a URI template, and their captured headers are redacted like the server's.
	 *
	 * @param captureRequestHeaders Names of outgoing request headers recorded on the client
	 * span as http.request.header.NAME attributes, case-insensitive.
	 * @param captureResponseHeaders Names of response headers recorded on the client span as
	 * http.response.header.NAME attributes, case-insensitive.
	 */
	public record Client(List<String> captureRequestHeaders, List<String> captureResponseHeaders) {

		public Client {
			captureRequestHeaders = headerNames("tracing.web.client.capture-request-headers", captureRequestHeaders);
			captureResponseHeaders = headerNames("tracing.web.client.capture-response-headers",
					captureResponseHeaders);
		}

	}

}
