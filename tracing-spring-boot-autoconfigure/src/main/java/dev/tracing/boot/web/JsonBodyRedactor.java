package dev.tracing.boot.web;

import java.util.List;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;

/**
 * Replaces the values that JSONPath expressions select in a JSON document with
 * {@value #REDACTED}, as APItoolkit's {@code redact_request_body} and
 * {@code redact_response_body} do: {@code $.user.email} (a field),
 * {@code $.users[*].credit_card} (a field in every element of an array),
 * {@code $.user.addresses} (a whole object or array). A document that is not complete,
 * strictly valid JSON is refused rather than passed through, so a malformed body can never
 * leak what the expressions were meant to hide.
 */
public final class JsonBodyRedactor {

	/** The value that replaces every redacted JSON value. */
	public static final String REDACTED = "[CLIENT_REDACTED]";

	// RFC 4627 mode: no single quotes, unquoted keys, trailing commas, NaN or trailing text,
	// which the provider's default permissive mode would accept. Ordered maps keep the
	// document's field order.
	private static final Configuration configuration = Configuration.builder()
		.jsonProvider(new JsonSmartJsonProvider(JSONParser.MODE_RFC4627, JSONValue.defaultReader.DEFAULT_ORDERED))
		.mappingProvider(new JsonSmartMappingProvider())
		.options(Option.SUPPRESS_EXCEPTIONS)
		.build();

	private final JsonPath[] paths;

	private final List<String> expressions;

	/**
	 * Creates a redactor for these expressions.
	 * @param expressions JSONPath expressions, each starting at the root ({@code $})
	 * @throws com.jayway.jsonpath.InvalidPathException if an expression is not valid
	 */
	public JsonBodyRedactor(List<String> expressions) {
		this.expressions = List.copyOf(expressions);
		this.paths = expressions.stream().map(JsonPath::compile).toArray(JsonPath[]::new);
	}

	/**
	 * Returns the document with every selected value replaced by {@value #REDACTED},
	 * re-serialized compactly, or {@code null} when the text is not a valid JSON object or
	 * array.
	 * @param json the document
	 * @return the redacted document, or {@code null}
	 */
	public String redact(String json) {
		try {
			Object document = configuration.jsonProvider().parse(json);
			if (!configuration.jsonProvider().isMap(document) && !configuration.jsonProvider().isArray(document)) {
				return null;
			}
			DocumentContext context = JsonPath.using(configuration).parse(document);
			for (JsonPath path : this.paths) {
				context.set(path, REDACTED);
			}
			return context.jsonString();
		}
		catch (RuntimeException | StackOverflowError ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return this.expressions.toString();
	}

}
