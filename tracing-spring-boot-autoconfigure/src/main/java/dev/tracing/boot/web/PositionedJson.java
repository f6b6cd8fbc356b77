package dev.tracing.boot.web;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;

/**
 * A JSON document parsed into maps and lists that remember where each value lies in the
 * text, so that a redaction can replace exactly those characters and keep everything else
 * as it was written: number formatting, escapes, whitespace and field order. Objects are
 * {@link JsonObject} (a {@code LinkedHashMap}), arrays {@link JsonArray} (an
 * {@code ArrayList}); strings, numbers ({@code Long}, or {@code BigDecimal} when not a long),
 * booleans and {@code null} are plain values, so JSONPath evaluates over them as over any
 * parsed document.
 * <p>
 * Only complete, strictly valid JSON (RFC 8259) whose top level is an object or an array is
 * accepted. The parser is iterative: nesting costs heap, never stack. A document nested
 * deeper than {@value #MAX_DEPTH} levels is checked to the end but not built, and refused
 * as too deep. An object that names a member twice is refused too: a path would see only one
 * of the values, and the other could leak.
 */
final class PositionedJson {

	/**
	 * The deepest nesting of objects and arrays that is built: far more than real documents
	 * use, and shallow enough for JSONPath's recursive deep scan ({@code $..x}) to fit a
	 * thread stack of 256 KB with room to spare.
	 */
	static final int MAX_DEPTH = 256;

	private final String text;

	private final Object root;

	private final JsonEdits edits;

	private PositionedJson(String text, Object root, JsonEdits edits) {
		this.text = text;
		this.root = root;
		this.edits = edits;
	}

	/**
	 * Parses a document.
	 * @param text the document
	 * @return the parsed document
	 * @throws RefusedException if the text is not a document that can be redacted, with the
	 * reason
	 */
	static PositionedJson parse(String text) throws RefusedException {
		JsonEdits edits = new JsonEdits();
		return new PositionedJson(text, new Parser(text, edits).parse(), edits);
	}

	/** The text as parsed. */
	String text() {
		return this.text;
	}

	/** The top-level object or array. */
	Object root() {
		return this.root;
	}

	/** The replacements to make in the text; setting a member or element adds one. */
	JsonEdits edits() {
		return this.edits;
	}

	/** The text with every edit made. */
	String edited() {
		return this.edits.applyTo(this.text);
	}

	/**
	 * Calls the visitor for every member of every object, at any depth, in document order,
	 * so that a rule on member names can replace values through {@link #edits()}.
	 * @param visitor called once per member
	 */
	void forEachMember(MemberVisitor visitor) {
		Deque<Object> pending = new ArrayDeque<>();
		pending.push(this.root);
		while (!pending.isEmpty()) {
			Object node = pending.pop();
			if (node instanceof JsonObject object) {
				for (int i = 0; i < object.memberCount; i++) {
					visitor.visit(object.names[i], object.starts[i], object.ends[i]);
				}
				for (int i = object.memberCount - 1; i >= 0; i--) {
					pushContainer(pending, object.get(object.names[i]));
				}
			}
			else if (node instanceof JsonArray array) {
				for (int i = array.size() - 1; i >= 0; i--) {
					pushContainer(pending, array.get(i));
				}
			}
		}
	}

	private static void pushContainer(Deque<Object> pending, Object value) {
		if (value instanceof JsonObject || value instanceof JsonArray) {
			pending.push(value);
		}
	}

	/** Sees the members of a document's objects. */
	@FunctionalInterface
	interface MemberVisitor {

		/**
		 * Called for one member.
		 * @param name the member's name, unescaped
		 * @param valueStart index of the value's first character in the text
		 * @param valueEnd index just after the value's last character
		 */
		void visit(String name, int valueStart, int valueEnd);

	}

	/** Why a text cannot be redacted, as recorded in {@code tracing.http.*.body.omitted}. */
	enum Refusal {

		/** Not complete, strictly valid JSON with an object or an array at the top. */
		INVALID("invalid-json"),

		/** Valid, but nested deeper than {@value PositionedJson#MAX_DEPTH} levels. */
		TOO_DEEP("too-deep"),

		/** Valid, but an object names the same member twice. */
		DUPLICATE_KEY("duplicate-key");

		private final String reason;

		Refusal(String reason) {
			this.reason = reason;
		}

		/** The value of the {@code omitted} attribute. */
		String reason() {
			return this.reason;
		}

	}

	/** Thrown when a text is refused; carries no stack trace, as it is an expected outcome. */
	static final class RefusedException extends Exception {

		private final Refusal refusal;

		RefusedException(Refusal refusal) {
			super(refusal.reason(), null, false, false);
			this.refusal = refusal;
		}

		Refusal refusal() {
			return this.refusal;
		}

	}

	/** An object that knows where the value of each of its members lies in the text. */
	static final class JsonObject extends LinkedHashMap<String, Object> {

		private final JsonEdits edits;

		private String[] names = new String[4];

		private int[] starts = new int[4];

		private int[] ends = new int[4];

		private int memberCount;

		JsonObject(JsonEdits edits) {
			this.edits = edits;
		}

		private boolean addMember(String name, Object value, int start, int end) {
			int size = size();
			super.put(name, value);
			if (size() == size) {
				return false;
			}
			if (this.memberCount == this.names.length) {
				int capacity = this.memberCount * 2;
				this.names = Arrays.copyOf(this.names, capacity);
				this.starts = Arrays.copyOf(this.starts, capacity);
				this.ends = Arrays.copyOf(this.ends, capacity);
			}
			this.names[this.memberCount] = name;
			this.starts[this.memberCount] = start;
			this.ends[this.memberCount] = end;
			this.memberCount++;
			return true;
		}

		/**
		 * Replaces a member's value, in this map and, as an edit, in the text.
		 * @param name the member's name
		 * @param value the new value
		 * @param replacement the text that replaces the value's text
		 */
		void replace(String name, Object value, String replacement) {
			for (int i = 0; i < this.memberCount; i++) {
				if (this.names[i].equals(name)) {
					this.edits.replace(this.starts[i], this.ends[i], replacement);
					super.put(name, value);
					return;
				}
			}
		}

	}

	/** An array that knows where each of its elements lies in the text. */
	static final class JsonArray extends ArrayList<Object> {

		private final JsonEdits edits;

		private int[] starts = new int[4];

		private int[] ends = new int[4];

		JsonArray(JsonEdits edits) {
			this.edits = edits;
		}

		private void addElement(Object value, int start, int end) {
			int index = size();
			super.add(value);
			if (index == this.starts.length) {
				this.starts = Arrays.copyOf(this.starts, index * 2);
				this.ends = Arrays.copyOf(this.ends, index * 2);
			}
			this.starts[index] = start;
			this.ends[index] = end;
		}

		/**
		 * Replaces an element, in this list and, as an edit, in the text.
		 * @param index the element's index
		 * @param value the new value
		 * @param replacement the text that replaces the element's text
		 */
		void replace(int index, Object value, String replacement) {
			if (index >= 0 && index < size()) {
				this.edits.replace(this.starts[index], this.ends[index], replacement);
				super.set(index, value);
			}
		}

	}

	/**
	 * Strict, iterative RFC 8259 parser. One loop reads a value; once a value is complete it
	 * is added to the innermost open container, and the loop reads what follows it: a comma
	 * (then the next member's name, or the next element), or the container's end, which
	 * completes the container as a value of its own.
	 */
	private static final class Parser {

		private final String text;

		private final int length;

		private final JsonEdits edits;

		/** The open containers that are built (the first MAX_DEPTH), innermost last. */
		private Object[] open = new Object[16];

		/** Where each built open container starts in the text. */
		private int[] openStarts = new int[16];

		/** The name that each built open object's next value belongs to. */
		private String[] pendingNames = new String[16];

		/** Whether each open container is an object, at every depth, built or not. */
		private boolean[] isObject = new boolean[16];

		private int depth;

		private boolean tooDeep;

		private boolean duplicateKey;

		private int pos;

		Parser(String text, JsonEdits edits) {
			this.text = text;
			this.length = text.length();
			this.edits = edits;
		}

		Object parse() throws RefusedException {
			skipWhitespace();
			if (this.pos >= this.length || (peek() != '{' && peek() != '[')) {
				throw new RefusedException(Refusal.INVALID);
			}
			while (true) {
				skipWhitespace();
				int start = this.pos;
				Object value;
				char c = next();
				if (c == '{' || c == '[') {
					boolean object = c == '{';
					open(object, start);
					skipWhitespace();
					if (peek() != (object ? '}' : ']')) {
						if (object) {
							readName();
						}
						continue;
					}
					this.pos++;
					value = close();
				}
				else {
					value = scalar(c, start);
				}
				int end = this.pos;
				// Add the complete value to its container, then read what follows it.
				while (true) {
					if (this.depth == 0) {
						skipWhitespace();
						if (this.pos != this.length) {
							throw new RefusedException(Refusal.INVALID);
						}
						if (this.tooDeep) {
							throw new RefusedException(Refusal.TOO_DEEP);
						}
						if (this.duplicateKey) {
							throw new RefusedException(Refusal.DUPLICATE_KEY);
						}
						return value;
					}
					add(value, start, end);
					skipWhitespace();
					boolean object = this.isObject[this.depth - 1];
					char following = next();
					if (following == ',') {
						if (object) {
							skipWhitespace();
							readName();
						}
						break;
					}
					if (following != (object ? '}' : ']')) {
						throw new RefusedException(Refusal.INVALID);
					}
					start = (this.depth <= MAX_DEPTH) ? this.openStarts[this.depth - 1] : -1;
					value = close();
					end = this.pos;
				}
			}
		}

		private void open(boolean object, int start) {
			if (this.depth == this.isObject.length) {
				this.isObject = Arrays.copyOf(this.isObject, this.depth * 2);
			}
			this.isObject[this.depth] = object;
			if (this.depth < MAX_DEPTH) {
				if (this.depth == this.open.length) {
					int capacity = Math.min(this.depth * 2, MAX_DEPTH);
					this.open = Arrays.copyOf(this.open, capacity);
					this.openStarts = Arrays.copyOf(this.openStarts, capacity);
					this.pendingNames = Arrays.copyOf(this.pendingNames, capacity);
				}
				this.open[this.depth] = object ? new JsonObject(this.edits) : new JsonArray(this.edits);
				this.openStarts[this.depth] = start;
			}
			else {
				this.tooDeep = true;
			}
			this.depth++;
		}

		private Object close() {
			this.depth--;
			if (this.depth >= MAX_DEPTH) {
				return null;
			}
			Object container = this.open[this.depth];
			this.open[this.depth] = null;
			this.pendingNames[this.depth] = null;
			return container;
		}

		private void add(Object value, int start, int end) {
			int index = this.depth - 1;
			if (index >= MAX_DEPTH) {
				return;
			}
			if (this.open[index] instanceof JsonObject object) {
				if (!object.addMember(this.pendingNames[index], value, start, end)) {
					this.duplicateKey = true;
				}
			}
			else {
				((JsonArray) this.open[index]).addElement(value, start, end);
			}
		}

		/** Reads a member's name and its colon. */
		private void readName() throws RefusedException {
			if (this.pos >= this.length || peek() != '"') {
				throw new RefusedException(Refusal.INVALID);
			}
			int start = this.pos;
			this.pos++;
			String name = string(start);
			if (this.depth <= MAX_DEPTH) {
				this.pendingNames[this.depth - 1] = name;
			}
			skipWhitespace();
			if (next() != ':') {
				throw new RefusedException(Refusal.INVALID);
			}
		}

		private Object scalar(char c, int start) throws RefusedException {
			switch (c) {
				case '"':
					return string(start);
				case 't':
					literal("rue");
					return Boolean.TRUE;
				case 'f':
					literal("alse");
					return Boolean.FALSE;
				case 'n':
					literal("ull");
					return null;
				default:
					if (c == '-' || (c >= '0' && c <= '9')) {
						return number(start);
					}
					throw new RefusedException(Refusal.INVALID);
			}
		}

		private void literal(String rest) throws RefusedException {
			if (!this.text.startsWith(rest, this.pos)) {
				throw new RefusedException(Refusal.INVALID);
			}
			this.pos += rest.length();
		}

		/** Reads a string whose opening quote, at {@code start}, was consumed. */
		private String string(int start) throws RefusedException {
			StringBuilder unescaped = null;
			int runStart = this.pos;
			while (true) {
				if (this.pos >= this.length) {
					throw new RefusedException(Refusal.INVALID);
				}
				char c = this.text.charAt(this.pos);
				if (c == '"') {
					String value = (unescaped != null)
							? unescaped.append(this.text, runStart, this.pos).toString()
							: this.text.substring(start + 1, this.pos);
					this.pos++;
					return value;
				}
				if (c < 0x20) {
					throw new RefusedException(Refusal.INVALID);
				}
				if (c != '\\') {
					this.pos++;
					continue;
				}
				if (unescaped == null) {
					unescaped = new StringBuilder();
				}
				unescaped.append(this.text, runStart, this.pos);
				this.pos++;
				unescaped.append(escape());
				runStart = this.pos;
			}
		}

		private char escape() throws RefusedException {
			if (this.pos >= this.length) {
				throw new RefusedException(Refusal.INVALID);
			}
			char c = this.text.charAt(this.pos++);
			switch (c) {
				case '"', '\\', '/':
					return c;
				case 'b':
					return '\b';
				case 'f':
					return '\f';
				case 'n':
					return '\n';
				case 'r':
					return '\r';
				case 't':
					return '\t';
				case 'u':
					if (this.pos + 4 > this.length) {
						throw new RefusedException(Refusal.INVALID);
					}
					int code = 0;
					for (int i = 0; i < 4; i++) {
						code = (code << 4) | hexDigit(this.text.charAt(this.pos++));
					}
					return (char) code;
				default:
					throw new RefusedException(Refusal.INVALID);
			}
		}

		private static int hexDigit(char c) throws RefusedException {
			if (c >= '0' && c <= '9') {
				return c - '0';
			}
			if (c >= 'a' && c <= 'f') {
				return c - 'a' + 10;
			}
			if (c >= 'A' && c <= 'F') {
				return c - 'A' + 10;
			}
			throw new RefusedException(Refusal.INVALID);
		}

		/** Reads a number whose first character, at {@code start}, was consumed. */
		private Object number(int start) throws RefusedException {
			this.pos = start;
			if (peek() == '-') {
				this.pos++;
			}
			if (this.pos >= this.length) {
				throw new RefusedException(Refusal.INVALID);
			}
			if (peek() == '0') {
				this.pos++;
			}
			else if (!digits()) {
				throw new RefusedException(Refusal.INVALID);
			}
			boolean integer = true;
			if (this.pos < this.length && peek() == '.') {
				this.pos++;
				integer = false;
				if (!digits()) {
					throw new RefusedException(Refusal.INVALID);
				}
			}
			if (this.pos < this.length && (peek() == 'e' || peek() == 'E')) {
				this.pos++;
				integer = false;
				if (this.pos < this.length && (peek() == '+' || peek() == '-')) {
					this.pos++;
				}
				if (!digits()) {
					throw new RefusedException(Refusal.INVALID);
				}
			}
			if (this.depth > MAX_DEPTH) {
				return null;
			}
			String number = this.text.substring(start, this.pos);
			// 18 digits always fit in a long.
			return (integer && number.length() <= 18) ? (Object) Long.parseLong(number) : new BigDecimal(number);
		}

		/** Reads one or more digits; whether there was one. */
		private boolean digits() {
			int start = this.pos;
			while (this.pos < this.length && peek() >= '0' && peek() <= '9') {
				this.pos++;
			}
			return this.pos > start;
		}

		private void skipWhitespace() {
			while (this.pos < this.length) {
				char c = peek();
				if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
					return;
				}
				this.pos++;
			}
		}

		/** The next character, or NUL at the end of the text, which no valid document holds. */
		private char peek() {
			return (this.pos < this.length) ? this.text.charAt(this.pos) : '\0';
		}

		private char next() throws RefusedException {
			if (this.pos >= this.length) {
				throw new RefusedException(Refusal.INVALID);
			}
			return this.text.charAt(this.pos++);
		}

	}

}
