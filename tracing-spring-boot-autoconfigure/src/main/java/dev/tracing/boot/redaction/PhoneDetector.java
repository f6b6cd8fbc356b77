package dev.tracing.boot.redaction;

import java.util.regex.Pattern;

/**
 * Finds phone numbers that are written like phone numbers: North American numbers with
 * separators ({@code 415-555-0132}, {@code (415) 555-0132}, {@code 1 415 555 0132}) and
 * international numbers that start with {@code +} (or its URL encoding {@code %2B}) and
 * have 8 to 15 digits. In URLs, {@code +} and {@code %20} count as spaces. A bare run of ten digits is not masked: it is far more often an id
 * or an epoch timestamp than a phone number.
 */
final class PhoneDetector extends RegexDetector {

	private static final String SEPARATOR = "(?:[ .+-]|%20)";

	private static final Pattern PHONE = Pattern.compile("(?:(?<=%20)|(?<!\\w))(?:"
			// international: +<country> then two to five groups
			+ "(?:\\+|%2[Bb])\\d{1,3}(?:" + SEPARATOR + "?(?:\\(\\d{1,4}\\)|\\d{1,4})){2,5}"
			// North American: [1 ](415) 555-0132 or 415-555-0132
			+ "|(?:1" + SEPARATOR + "?)?(?:\\(\\d{3}\\)" + SEPARATOR + "?|\\d{3}" + SEPARATOR + ")\\d{3}"
			+ SEPARATOR + "\\d{4}"
			+ ")(?!\\w)");

	private static final int MIN_INTERNATIONAL_DIGITS = 8;

	private static final int MAX_INTERNATIONAL_DIGITS = 15;

	PhoneDetector(String replacement) {
		super("phone", TextFeatures.PHONE_DIGITS_RUN, PHONE, replacement);
	}

	@Override
	boolean accept(String value, int start, int end) {
		char first = value.charAt(start);
		if (first != '+' && first != '%') {
			return true;
		}
		int digits = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c == '%') {
				i += 2; // %2B, %20: encoded plus sign and space
			}
			else if (c >= '0' && c <= '9') {
				digits++;
			}
		}
		return digits >= MIN_INTERNATIONAL_DIGITS && digits <= MAX_INTERNATIONAL_DIGITS;
	}

}
