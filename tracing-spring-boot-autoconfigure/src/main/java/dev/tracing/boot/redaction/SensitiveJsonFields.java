package dev.tracing.boot.redaction;

/**
 * Replaces the value of every JSON field whose name is one of the {@link SensitiveKeys}, at
 * any depth, with {@code "[REDACTED]"}: {@code {"user":{"password":"hunter2"}}} becomes
 * {@code {"user":{"password":"[REDACTED]"}}}. Under a sensitive field that holds an object or
 * an array, every string and number is replaced and the structure kept
 * ({@code {"card":{"number":"4111...","cvv":123}}} becomes
 * {@code {"card":{"number":"[REDACTED]","cvv":"[REDACTED]"}}}), so that JSONPath redactions
 * still find their paths; {@code true}, {@code false} and {@code null} stay. Everything else
 * is kept exactly as written, numbers and spacing included.
 * <p>
 * Meant for captured bodies, which may be cut off at the capture limit or not be valid JSON
 * at all: the scan is lenient, never fails, needs no parser and no recursion (so a deeply
 * nested document costs no stack), and a sensitive value that runs to the end of a cut-off
 * body is masked to the end.
 */
public final class SensitiveJsonFields {

	private static final String REPLACEMENT = "\"" + SensitiveKeys.REDACTED + "\"";

	private final SensitiveKeys keys;

	public SensitiveJsonFields(SensitiveKeys keys) {
		this.keys = keys;
	}

	/**
	 * Masks the values of sensitive fields.
	 * @param json a JSON document, possibly cut off or malformed
	 * @return the masked document, or the same instance when no field is sensitive
	 */
	public String mask(String json) {
		if (json == null || json.isEmpty() || this.keys.isEmpty()) {
			return json;
		}
		Rewrite rewrite = new Rewrite(json);
		// Containers are tracked only for whether a string in the innermost one is a field name.
		ContainerStack containers = new ContainerStack();
		// While inside an object or array held by a sensitive field: the depth it opened at.
		int maskedFrom = -1;
		boolean expectName = false;
		int length = json.length();
		int i = 0;
		while (i < length) {
			char c = json.charAt(i);
			if (c == '{' || c == '[') {
				containers.push(c == '{');
				expectName = (c == '{');
				i++;
			}
			else if (c == '}' || c == ']') {
				containers.pop();
				if (containers.depth() <= maskedFrom) {
					maskedFrom = -1;
				}
				expectName = false;
				i++;
			}
			else if (c == ',') {
				expectName = containers.inObject();
				i++;
			}
			else if (c == '"' && expectName && containers.inObject()) {
				int nameStart = i + 1;
				int end = endOfString(json, i);
				expectName = false;
				int colon = skipWhitespace(json, end);
				i = end;
				if (colon < length && json.charAt(colon) == ':' && maskedFrom < 0
						&& isSensitiveName(json, nameStart, end - 1)) {
					int valueStart = skipWhitespace(json, colon + 1);
					if (valueStart < length && (json.charAt(valueStart) == '{' || json.charAt(valueStart) == '[')) {
						if (maskedFrom < 0) {
							maskedFrom = containers.depth();
						}
						i = valueStart;
					}
					else {
						i = rewrite.maskScalar(valueStart);
					}
				}
			}
			else if (maskedFrom >= 0 && (c == '"' || c == '-' || (c >= '0' && c <= '9'))) {
				i = rewrite.maskScalar(i);
			}
			else if (c == '"') {
				i = endOfString(json, i);
			}
			else {
				i++;
			}
		}
		return rewrite.result();
	}

	/** The document with some values replaced, copied lazily on the first replacement. */
	private static final class Rewrite {

		private final String json;

		private StringBuilder result;

		private int copied;

		Rewrite(String json) {
			this.json = json;
		}

		/**
		 * Replaces the string or number that starts at {@code start}; {@code true},
		 * {@code false} and {@code null} say nothing secret and stay.
		 * @return the index just after the value
		 */
		int maskScalar(int start) {
			int end = endOfValue(this.json, start);
			if (end <= start) {
				return Math.max(end, start + 1);
			}
			char first = this.json.charAt(start);
			boolean secret = first == '"' || first == '-' || (first >= '0' && first <= '9');
			if (secret && !isReplacement(this.json, start, end)) {
				if (this.result == null) {
					this.result = new StringBuilder(this.json.length() + 16);
				}
				this.result.append(this.json, this.copied, start).append(REPLACEMENT);
				this.copied = end;
			}
			return end;
		}

		String result() {
			if (this.result == null) {
				return this.json;
			}
			return this.result.append(this.json, this.copied, this.json.length()).toString();
		}

	}

	private boolean isSensitiveName(String json, int start, int end) {
		if (end < start) {
			return false;
		}
		for (int i = start; i < end; i++) {
			if (json.charAt(i) == '\\') {
				return this.keys.matches(unescape(json, start, end));
			}
		}
		return this.keys.matches(json, start, end);
	}

	private static boolean isReplacement(String json, int start, int end) {
		return end - start == REPLACEMENT.length() && json.startsWith(REPLACEMENT, start);
	}

	/** The index just after the string that starts at {@code start}, or the end of the text. */
	private static int endOfString(String json, int start) {
		int i = start + 1;
		while (i < json.length()) {
			char c = json.charAt(i);
			if (c == '\\') {
				i += 2;
			}
			else if (c == '"') {
				return i + 1;
			}
			else {
				i++;
			}
		}
		return json.length();
	}

	/** The index just after the value that starts at {@code start}, or the end of the text. */
	private static int endOfValue(String json, int start) {
		if (start >= json.length()) {
			return start;
		}
		char first = json.charAt(start);
		if (first == '"') {
			return endOfString(json, start);
		}
		if (first == '{' || first == '[') {
			int depth = 0;
			int i = start;
			while (i < json.length()) {
				char c = json.charAt(i);
				if (c == '"') {
					i = endOfString(json, i);
					continue;
				}
				if (c == '{' || c == '[') {
					depth++;
				}
				else if (c == '}' || c == ']') {
					depth--;
					if (depth == 0) {
						return i + 1;
					}
				}
				i++;
			}
			return json.length();
		}
		int i = start;
		while (i < json.length()) {
			char c = json.charAt(i);
			if (c == ',' || c == '}' || c == ']' || Character.isWhitespace(c)) {
				break;
			}
			i++;
		}
		return i;
	}

	private static int skipWhitespace(String json, int from) {
		int i = from;
		while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
			i++;
		}
		return i;
	}

	private static String unescape(String json, int start, int end) {
		StringBuilder name = new StringBuilder(end - start);
		int i = start;
		while (i < end) {
			char c = json.charAt(i);
			if (c == '\\' && i + 1 < end) {
				char escaped = json.charAt(i + 1);
				if (escaped == 'u' && i + 6 <= end) {
					try {
						name.append((char) Integer.parseInt(json.substring(i + 2, i + 6), 16));
						i += 6;
						continue;
					}
					catch (NumberFormatException ex) {
						// Not an escape after all: keep the text as it is.
					}
				}
				name.append(escaped);
				i += 2;
			}
			else {
				name.append(c);
				i++;
			}
		}
		return name.toString();
	}

	@Override
	public String toString() {
		return "SensitiveJsonFields" + this.keys;
	}

	/** Whether each open container is an object, as bits, growing with the depth. */
	private static final class ContainerStack {

		private long[] objects = new long[1];

		private int depth;

		void push(boolean object) {
			int word = this.depth >>> 6;
			if (word >= this.objects.length) {
				this.objects = java.util.Arrays.copyOf(this.objects, this.objects.length * 2);
			}
			long bit = 1L << (this.depth & 63);
			this.objects[word] = object ? (this.objects[word] | bit) : (this.objects[word] & ~bit);
			this.depth++;
		}

		void pop() {
			if (this.depth > 0) {
				this.depth--;
			}
		}

		int depth() {
			return this.depth;
		}

		boolean inObject() {
			if (this.depth == 0) {
				return false;
			}
			int top = this.depth - 1;
			return (this.objects[top >>> 6] & (1L << (top & 63))) != 0;
		}

	}

}
