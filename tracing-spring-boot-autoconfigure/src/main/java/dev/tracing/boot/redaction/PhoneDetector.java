package dev.tracing.boot.redaction;

/**
 * Finds phone numbers that are written like phone numbers: North American numbers with
 * separators ({@code 415-555-0132}, {@code (415) 555-0132}, {@code 1 415 555 0132}) and
 * international numbers that start with {@code +} (or its URL encoding {@code %2B}) and
 * have 8 to 15 digits, in groups or not ({@code +44 20 7946 0958}, {@code +14155550132}).
 * Separators are a space, dot or dash, and in URLs {@code +} or {@code %20}. A bare run of
 * ten digits is not masked: it is far more often an id or an epoch timestamp than a phone
 * number.
 * <p>
 * Parsed by hand rather than with a regular expression: the expression for these forms
 * backtracks heavily on long digit runs, and this runs for every candidate value.
 */
final class PhoneDetector extends Detector {

	private static final int MIN_INTERNATIONAL_DIGITS = 8;

	private static final int MAX_INTERNATIONAL_DIGITS = 15;

	private final String replacement;

	PhoneDetector(String replacement) {
		super("phone", TextFeatures.PHONE_DIGITS_RUN);
		this.replacement = replacement;
	}

	@Override
	String mask(String value) {
		StringBuilder masked = null;
		int copied = 0;
		int length = value.length();
		int i = 0;
		while (i < length) {
			int end = isStart(value, i) ? phoneEnd(value, i) : -1;
			if (end < 0) {
				i++;
				continue;
			}
			if (masked == null) {
				masked = new StringBuilder(length);
			}
			masked.append(value, copied, i).append(this.replacement);
			copied = end;
			i = end;
		}
		if (masked == null) {
			return value;
		}
		return masked.append(value, copied, length).toString();
	}

	private static boolean isStart(String value, int index) {
		char c = value.charAt(index);
		boolean start = isDigit(c) || c == '(' || c == '+' || isEncodedPlus(value, index);
		return start && (index == 0 || !isWordChar(value.charAt(index - 1))
				|| (index >= 3 && value.startsWith("%20", index - 3)));
	}

	/**
	 * Returns the end of the phone number that starts at {@code start}, or -1 when none
	 * does.
	 */
	private static int phoneEnd(String value, int start) {
		int length = value.length();
		int p = start;
		boolean international = false;
		if (value.charAt(p) == '+') {
			international = true;
			p++;
		}
		else if (isEncodedPlus(value, p)) {
			international = true;
			p += 3;
		}
		// The first four groups, for the North American forms.
		int len0 = 0, len1 = 0, len2 = 0, len3 = 0;
		boolean paren0 = false, paren1 = false, paren2 = false, paren3 = false;
		boolean sep01 = false, sep12 = false, sep23 = false;
		int groups = 0;
		int digits = 0;
		int longest = -1;
		boolean separated = false;
		while (p < length) {
			boolean paren = value.charAt(p) == '(';
			int groupStart = paren ? p + 1 : p;
			int groupEnd = groupStart;
			while (groupEnd < length && isDigit(value.charAt(groupEnd))) {
				groupEnd++;
			}
			int group = groupEnd - groupStart;
			if (group == 0 || (paren && (groupEnd >= length || value.charAt(groupEnd) != ')'))) {
				break;
			}
			p = paren ? groupEnd + 1 : groupEnd;
			switch (groups) {
				case 0 -> {
					len0 = group;
					paren0 = paren;
				}
				case 1 -> {
					len1 = group;
					paren1 = paren;
					sep01 = separated;
				}
				case 2 -> {
					len2 = group;
					paren2 = paren;
					sep12 = separated;
				}
				case 3 -> {
					len3 = group;
					paren3 = paren;
					sep23 = separated;
				}
				default -> {
				}
			}
			groups++;
			digits += group;
			boolean boundary = p >= length || !isWordChar(value.charAt(p));
			if (international) {
				if (digits > MAX_INTERNATIONAL_DIGITS) {
					break;
				}
				if (digits >= MIN_INTERNATIONAL_DIGITS && boundary) {
					longest = p;
				}
			}
			else if (boundary && groups == 3 && len0 == 3 && len1 == 3 && len2 == 4 && (sep01 || paren0) && sep12
					&& !paren1 && !paren2) {
				return p;
			}
			else if (boundary && groups == 4 && len0 == 1 && value.charAt(start) == '1' && !paren0 && len1 == 3
					&& len2 == 3 && len3 == 4 && (sep12 || paren1) && sep23 && !paren2 && !paren3) {
				return p;
			}
			else if (groups >= 4 || !couldBeNorthAmerican(groups, len0, len1, len2, value.charAt(start))) {
				break;
			}
			int separator = separatorLength(value, p);
			int next = p + separator;
			if (next >= length || !(isDigit(value.charAt(next)) || value.charAt(next) == '(')) {
				break;
			}
			separated = separator > 0;
			p = next;
		}
		return longest;
	}

	/**
	 * Whether the groups so far can still become 415 555 0132 or 1 415 555 0132: most digit
	 * runs (dates, times, ids) fail at their first or second group.
	 */
	private static boolean couldBeNorthAmerican(int groups, int len0, int len1, int len2, char first) {
		boolean trunkPrefix = len0 == 1 && first == '1';
		if (len0 != 3 && !trunkPrefix) {
			return false;
		}
		if (groups >= 2 && len1 != 3) {
			return false;
		}
		return groups < 3 || trunkPrefix && len2 == 3;
	}

	/** A space, dot or dash, or a space as URLs encode it ({@code +}, {@code %20}). */
	private static int separatorLength(String value, int index) {
		if (index >= value.length()) {
			return 0;
		}
		char c = value.charAt(index);
		if (c == ' ' || c == '.' || c == '-' || c == '+') {
			return 1;
		}
		return value.startsWith("%20", index) ? 3 : 0;
	}

	private static boolean isEncodedPlus(String value, int index) {
		return index + 2 < value.length() && value.charAt(index) == '%' && value.charAt(index + 1) == '2'
				&& (value.charAt(index + 2) == 'B' || value.charAt(index + 2) == 'b');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isWordChar(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

}
