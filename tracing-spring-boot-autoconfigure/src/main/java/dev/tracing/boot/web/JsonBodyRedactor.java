package dev.tracing.boot.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import dev.tracing.boot.web.PositionedJson.JsonArray;
import dev.tracing.boot.web.PositionedJson.JsonObject;
import dev.tracing.boot.web.PositionedJson.RefusedException;
import net.minidev.json.JSONValue;

/**
 * Replaces the values that JSONPath expressions select in a JSON document with
 * {@value #REDACTED}, as APItoolkit's {@code redact_request_body} and
 * {@code redact_response_body} do: {@code $.user.email} (a field),
 * {@code $.users[*].credit_card} (a field in every element of an array),
 * {@code $.user.addresses} (a whole object or array).
 * <p>
 * The document is parsed once with the position of every value (see {@link PositionedJson}),
 * the expressions are evaluated over it with Jayway JsonPath, and each value they select is
 * replaced in the original text: everything else stays exactly as it was written, numbers,
 * escapes, whitespace and field order included. A text that is not complete, strictly valid
 * JSON, or that cannot be redacted safely (nested too deep, a member named twice), is
 * refused with the reason rather than passed through, so a body can never leak what the
 * expressions were meant to hide.
 */
public final class JsonBodyRedactor {

	/** The value that replaces every redacted JSON value. */
	public static final String REDACTED = "[CLIENT_REDACTED]";

	private static final String REDACTED_JSON = '"' + REDACTED + '"';

	private static final Configuration configuration = Configuration.builder()
		.jsonProvider(new PositionedJsonProvider())
		.mappingProvider(new JsonSmartMappingProvider())
		.options(Option.SUPPRESS_EXCEPTIONS)
		.build();

	private final JsonPath[] paths;

	private final boolean redactsWholeDocument;

	private final List<String> expressions;

	/**
	 * Creates a redactor for these expressions.
	 * @param expressions JSONPath expressions, each starting at the root ({@code $})
	 * @throws com.jayway.jsonpath.InvalidPathException if an expression is not valid
	 */
	public JsonBodyRedactor(List<String> expressions) {
		this.expressions = List.copyOf(expressions);
		this.paths = expressions.stream().map(JsonPath::compile).toArray(JsonPath[]::new);
		boolean root = false;
		for (JsonPath path : this.paths) {
			root |= path.getPath().equals("$");
		}
		this.redactsWholeDocument = root;
	}

	/**
	 * Redacts a document.
	 * @param json the document
	 * @return the document with every selected value replaced by {@value #REDACTED} and all
	 * else as written, or the reason it is refused
	 */
	public Result redact(String json) {
		PositionedJson document;
		try {
			document = PositionedJson.parse(json);
		}
		catch (RefusedException ex) {
			return Result.refused(ex.refusal().reason());
		}
		if (this.redactsWholeDocument) {
			return Result.redacted(REDACTED_JSON);
		}
		try {
			for (JsonPath path : this.paths) {
				path.set(document.root(), REDACTED, configuration);
			}
		}
		catch (StackOverflowError ex) {
			// Not expected within PositionedJson.MAX_DEPTH; a safety net for small stacks.
			return Result.refused(PositionedJson.Refusal.TOO_DEEP.reason());
		}
		return Result.redacted(document.edited());
	}

	@Override
	public String toString() {
		return this.expressions.toString();
	}

	/**
	 * The outcome of redacting one document: either the redacted text, or why there is none.
	 *
	 * @param body the redacted document, or {@code null} when refused
	 * @param refusal why the document is refused ({@code invalid-json}, {@code too-deep},
	 * {@code duplicate-key}), or {@code null} when redacted
	 */
	public record Result(String body, String refusal) {

		static Result redacted(String body) {
			return new Result(body, null);
		}

		static Result refused(String refusal) {
			return new Result(null, refusal);
		}

		/** Whether the document was redacted; otherwise {@link #refusal()} says why not. */
		public boolean isRedacted() {
			return this.body != null;
		}

	}

	/**
	 * Lets JsonPath read a {@link PositionedJson} and turns each value it sets in the document
	 * into an edit of the original text. JsonPath sets document values only through these two
	 * methods; it also uses them to collect its results in lists of its own, which are left to
	 * the plain implementation.
	 */
	private static final class PositionedJsonProvider extends AbstractJsonProvider {

		@Override
		public void setProperty(Object obj, Object key, Object value) {
			if (obj instanceof JsonObject object) {
				object.replace(key.toString(), value, REDACTED_JSON);
			}
			else {
				super.setProperty(obj, key, value);
			}
		}

		@Override
		public void setArrayIndex(Object array, int index, Object value) {
			if (array instanceof JsonArray elements) {
				elements.replace(index, value, REDACTED_JSON);
			}
			else {
				super.setArrayIndex(array, index, value);
			}
		}

		@Override
		public void removeProperty(Object obj, Object key) {
			throw new UnsupportedOperationException("Redaction never removes a value");
		}

		@Override
		public Object parse(String json) throws InvalidJsonException {
			// For JSON literals inside filter expressions, such as [?(@.tags == ["a"])].
			try {
				return PositionedJson.parse(json).root();
			}
			catch (RefusedException ex) {
				return JSONValue.parse(json);
			}
		}

		@Override
		public Object parse(InputStream jsonStream, String charset) throws InvalidJsonException {
			try {
				return parse(new String(jsonStream.readAllBytes(), Charset.forName(charset)));
			}
			catch (IOException ex) {
				throw new InvalidJsonException(ex);
			}
		}

		@Override
		public String toJson(Object obj) {
			return JSONValue.toJSONString(obj);
		}

		@Override
		public Object createArray() {
			return new java.util.ArrayList<>();
		}

		@Override
		public Object createMap() {
			return new java.util.LinkedHashMap<>();
		}

	}

}
