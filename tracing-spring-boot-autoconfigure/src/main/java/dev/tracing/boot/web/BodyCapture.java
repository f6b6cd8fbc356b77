package dev.tracing.boot.web;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

import dev.tracing.boot.redaction.SensitiveJsonFields;
import dev.tracing.boot.redaction.SensitiveKeys;
import dev.tracing.boot.redaction.SensitiveParameters;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * What to record of the bodies of one direction (requests or responses) and how: which
 * content types, how many bytes, which JSONPath redactions. Decides, per body, whether it is
 * recorded, redacted or omitted, and sets the attributes that say so.
 */
final class BodyCapture {

	static final String TRUNCATED_MARKER = "...[TRUNCATED]";

	/** Why a body was not recorded: it is not valid JSON and redaction paths are set. */
	static final String OMITTED_INVALID_JSON = PositionedJson.Refusal.INVALID.reason();

	/** Why a body was not recorded: it nests deeper than redaction handles. */
	static final String OMITTED_TOO_DEEP = PositionedJson.Refusal.TOO_DEEP.reason();

	/** Why a body was not recorded: an object names a member twice, so a path might miss one. */
	static final String OMITTED_DUPLICATE_KEY = PositionedJson.Refusal.DUPLICATE_KEY.reason();

	/** Why a body was not recorded: it exceeds max-body-size and so cannot be redacted. */
	static final String OMITTED_TOO_LARGE = "exceeds-max-body-size";

	private final AttributeKey<String> bodyKey;

	private final AttributeKey<Boolean> truncatedKey;

	private final AttributeKey<String> omittedKey;

	private final int maxBytes;

	private final JsonBodyRedactor jsonRedactor;

	private final SensitiveParameters formRedactor;

	private final SensitiveJsonFields jsonFields;

	private BodyCapture(String direction, int maxBytes, List<String> jsonPaths, SensitiveKeys sensitiveKeys) {
		String prefix = "tracing.http." + direction + ".body";
		this.bodyKey = AttributeKey.stringKey(prefix);
		this.truncatedKey = AttributeKey.booleanKey(prefix + ".truncated");
		this.omittedKey = AttributeKey.stringKey(prefix + ".omitted");
		this.maxBytes = maxBytes;
		this.jsonRedactor = jsonPaths.isEmpty() ? null : new JsonBodyRedactor(jsonPaths);
		this.formRedactor = new SensitiveParameters(sensitiveKeys);
		this.jsonFields = new SensitiveJsonFields(sensitiveKeys);
	}

	static BodyCapture requests(int maxBytes, List<String> jsonPaths, SensitiveKeys sensitiveKeys) {
		return new BodyCapture("request", maxBytes, jsonPaths, sensitiveKeys);
	}

	static BodyCapture responses(int maxBytes, List<String> jsonPaths, SensitiveKeys sensitiveKeys) {
		return new BodyCapture("response", maxBytes, jsonPaths, sensitiveKeys);
	}

	CapturedBody newBody() {
		return new CapturedBody(this.maxBytes);
	}

	/** Whether bodies of this content type are recorded at all: JSON, text and forms. */
	boolean captures(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = mediaType(contentType);
		return type.startsWith("text/") || isJson(type) || isForm(type);
	}

	/**
	 * Whether a body of this declared length is omitted without reading it: it is longer
	 * than can be kept, and redaction needs the whole document.
	 */
	boolean omitsLength(long contentLength) {
		return this.jsonRedactor != null && contentLength > this.maxBytes;
	}

	void omitTooLarge(Span span) {
		span.setAttribute(this.omittedKey, OMITTED_TOO_LARGE);
	}

	/**
	 * Records the body on the span, redacted, or says why it is omitted. Values of sensitive
	 * JSON and form fields are masked in every case, before the JSONPath redactions apply.
	 * What is recorded never holds more than {@code maxBytes} bytes of the body (UTF-8)
	 * before the marker, also when a replacement is longer than what it replaced: such a body
	 * is cut and marked as a truncated one is.
	 */
	void record(Span span, CapturedBody body, String contentType, String characterEncoding) {
		if (body.isEmpty()) {
			return;
		}
		String text = withoutSensitiveFields(body.text(charset(characterEncoding)), contentType);
		boolean truncated = body.isTruncated();
		if (this.jsonRedactor != null) {
			if (truncated) {
				span.setAttribute(this.omittedKey, OMITTED_TOO_LARGE);
				return;
			}
			JsonBodyRedactor.Result redacted = this.jsonRedactor.redact(text);
			if (!redacted.isRedacted()) {
				span.setAttribute(this.omittedKey, redacted.refusal());
				return;
			}
			recordWithinLimit(span, redacted.body(), false);
			return;
		}
		recordWithinLimit(span, text, truncated);
	}

	private void recordWithinLimit(Span span, String text, boolean truncated) {
		int fits = prefixWithinBytes(text, this.maxBytes);
		if (fits < text.length()) {
			text = text.substring(0, fits);
			truncated = true;
		}
		if (truncated) {
			span.setAttribute(this.bodyKey, text + TRUNCATED_MARKER);
			span.setAttribute(this.truncatedKey, true);
		}
		else {
			span.setAttribute(this.bodyKey, text);
		}
	}

	private String withoutSensitiveFields(String text, String contentType) {
		if (contentType == null) {
			return text;
		}
		String type = mediaType(contentType);
		if (isJson(type)) {
			return this.jsonFields.mask(text);
		}
		return isForm(type) ? this.formRedactor.redact(text) : text;
	}

	/**
	 * The length of the longest prefix of the text that takes at most {@code maxBytes} bytes
	 * in UTF-8 and does not split a surrogate pair.
	 */
	static int prefixWithinBytes(String text, int maxBytes) {
		int length = text.length();
		if (length * 3L <= maxBytes) {
			return length;
		}
		long bytes = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			int width;
			if (c < 0x80) {
				width = 1;
			}
			else if (c < 0x800) {
				width = 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				if (bytes + 4 > maxBytes) {
					return i;
				}
				bytes += 4;
				i++;
				continue;
			}
			else {
				width = 3;
			}
			if (bytes + width > maxBytes) {
				return i;
			}
			bytes += width;
		}
		return length;
	}

	private static String mediaType(String contentType) {
		int parameters = contentType.indexOf(';');
		String type = (parameters >= 0) ? contentType.substring(0, parameters) : contentType;
		return type.trim().toLowerCase(Locale.ROOT);
	}

	private static boolean isJson(String type) {
		return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
	}

	static boolean isForm(String contentType) {
		return contentType != null && mediaType(contentType).equals("application/x-www-form-urlencoded");
	}

	private static Charset charset(String characterEncoding) {
		if (characterEncoding != null) {
			try {
				return Charset.forName(characterEncoding);
			}
			catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
				// Fall back to UTF-8 below: capture must never fail the request.
			}
		}
		return StandardCharsets.UTF_8;
	}

}
