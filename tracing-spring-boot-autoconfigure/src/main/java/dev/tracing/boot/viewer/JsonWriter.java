package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.Value;

/**
 * A minimal streaming JSON writer for the viewer's API, so that the viewer works whichever
 * JSON library (or none) the application uses. Commas are placed automatically; strings are
 * escaped, including {@code <}, {@code >} and {@code &}, so that the output is safe to embed
 * anywhere.
 */
final class JsonWriter {

	private final StringBuilder json = new StringBuilder(1024);

	private boolean needsComma;

	JsonWriter beginObject() {
		separate();
		this.json.append('{');
		this.needsComma = false;
		return this;
	}

	JsonWriter endObject() {
		this.json.append('}');
		this.needsComma = true;
		return this;
	}

	JsonWriter beginArray() {
		separate();
		this.json.append('[');
		this.needsComma = false;
		return this;
	}

	JsonWriter endArray() {
		this.json.append(']');
		this.needsComma = true;
		return this;
	}

	JsonWriter name(String name) {
		separate();
		string(name);
		this.json.append(':');
		this.needsComma = false;
		return this;
	}

	JsonWriter value(String value) {
		separate();
		if (value == null) {
			this.json.append("null");
		}
		else {
			string(value);
		}
		this.needsComma = true;
		return this;
	}

	JsonWriter value(long value) {
		separate();
		this.json.append(value);
		this.needsComma = true;
		return this;
	}

	/**
	 * A duration or an offset given in nanoseconds, written as milliseconds in plain decimal
	 * notation with up to six decimals: exact, and never in exponent notation.
	 */
	JsonWriter millis(long nanos) {
		separate();
		long whole = nanos / 1_000_000;
		long fraction = Math.abs(nanos % 1_000_000);
		if (nanos < 0 && whole == 0) {
			this.json.append('-');
		}
		this.json.append(whole);
		if (fraction != 0) {
			String digits = Long.toString(1_000_000 + fraction).substring(1);
			int end = digits.length();
			while (digits.charAt(end - 1) == '0') {
				end--;
			}
			this.json.append('.').append(digits, 0, end);
		}
		this.needsComma = true;
		return this;
	}

	JsonWriter value(double value) {
		separate();
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			string(Double.toString(value));
		}
		else {
			this.json.append(value);
		}
		this.needsComma = true;
		return this;
	}

	JsonWriter value(boolean value) {
		separate();
		this.json.append(value);
		this.needsComma = true;
		return this;
	}

	JsonWriter nullValue() {
		separate();
		this.json.append("null");
		this.needsComma = true;
		return this;
	}

	/**
	 * An attribute value: string, boolean, long, double or a list of those; a complex value
	 * (map, nested list, bytes) as its text form.
	 */
	JsonWriter attributeValue(Object value) {
		if (value instanceof String string) {
			return value(string);
		}
		if (value instanceof Boolean bool) {
			return value(bool.booleanValue());
		}
		if (value instanceof Long number) {
			return value(number.longValue());
		}
		if (value instanceof Double number) {
			return value(number.doubleValue());
		}
		if (value instanceof List<?> list) {
			beginArray();
			list.forEach(this::attributeValue);
			return endArray();
		}
		if (value instanceof Value<?> complex) {
			return value(complex.asString());
		}
		return (value != null) ? value(value.toString()) : nullValue();
	}

	private void separate() {
		if (this.needsComma) {
			this.json.append(',');
		}
	}

	private void string(String value) {
		this.json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char character = value.charAt(i);
			switch (character) {
				case '"' -> this.json.append("\\\"");
				case '\\' -> this.json.append("\\\\");
				case '\n' -> this.json.append("\\n");
				case '\r' -> this.json.append("\\r");
				case '\t' -> this.json.append("\\t");
				case '<', '>', '&', '\u2028', '\u2029' -> unicode(character);
				default -> {
					if (character < 0x20) {
						unicode(character);
					}
					else {
						this.json.append(character);
					}
				}
			}
		}
		this.json.append('"');
	}

	private void unicode(char character) {
		this.json.append(String.format("\\u%04x", (int) character));
	}

	@Override
	public String toString() {
		return this.json.toString();
	}

}
