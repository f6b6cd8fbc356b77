package dev.tracing.boot.redaction;

/**
 * Finds payment card numbers: 13 to 19 digits, either unbroken or in groups separated by
 * one space or dash (also a space encoded in a URL as {@code +} or {@code %20}; the first
 * group of four, the others of three to six digits, all with the same separator), whose
 * first digit is that of a card network (2 to 6) and which pass the Luhn check, and that do
 * not touch a letter. Order ids, epoch timestamps, dates and hex identifiers fail at least
 * one of these and survive.
 */
final class PaymentCardDetector extends Detector {

	private static final int MIN_DIGITS = 13;

	private static final int MAX_DIGITS = 19;

	private final String replacement;

	PaymentCardDetector(String replacement) {
		super("payment-card", TextFeatures.CARD_DIGITS_RUN);
		this.replacement = replacement;
	}

	@Override
	String mask(String value) {
		StringBuilder masked = null;
		int copied = 0;
		int length = value.length();
		int i = 0;
		while (i < length) {
			if (!isDigit(value.charAt(i)) || (i > 0 && isDigit(value.charAt(i - 1)))) {
				i++;
				continue;
			}
			int end = cardEnd(value, i);
			if (end < 0 || isGluedToLetters(value, i, end)) {
				i = groupEnd(value, i);
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

	/**
	 * Returns the end of the card number that starts at {@code start} (the first digit of
	 * a group), or -1 when none does.
	 */
	private static int cardEnd(String value, int start) {
		int firstGroupEnd = groupEnd(value, start);
		int firstGroup = firstGroupEnd - start;
		if (firstGroup >= MIN_DIGITS && firstGroup <= MAX_DIGITS) {
			return isCardNumber(value, start, firstGroupEnd) ? firstGroupEnd : -1;
		}
		if (firstGroup != 4) {
			return -1;
		}
		int separator = separatorLength(value, firstGroupEnd);
		if (separator == 0) {
			return -1;
		}
		int digits = firstGroup;
		int end = firstGroupEnd;
		int longest = -1;
		while (end + separator < value.length() && isDigit(value.charAt(end + separator))
				&& value.regionMatches(end, value, firstGroupEnd, separator)) {
			int next = groupEnd(value, end + separator);
			int group = next - end - separator;
			if (group < 3 || group > 6 || digits + group > MAX_DIGITS) {
				break;
			}
			digits += group;
			end = next;
			if (digits >= MIN_DIGITS && isCardNumber(value, start, end)) {
				longest = end;
			}
		}
		return longest;
	}

	/**
	 * The length of the group separator at this index: a space, a dash, or a space as URLs
	 * encode it ({@code +} or {@code %20}); 0 for anything else.
	 */
	private static int separatorLength(String value, int index) {
		if (index >= value.length()) {
			return 0;
		}
		char c = value.charAt(index);
		if (c == ' ' || c == '-' || c == '+') {
			return 1;
		}
		return value.startsWith("%20", index) ? 3 : 0;
	}

	private static int groupEnd(String value, int start) {
		int end = start;
		while (end < value.length() && isDigit(value.charAt(end))) {
			end++;
		}
		return end;
	}

	/** Card network prefix and Luhn check over the digits between start and end. */
	private static boolean isCardNumber(String value, int start, int end) {
		char first = value.charAt(start);
		if (first < '2' || first > '6') {
			return false;
		}
		int count = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c == '%') {
				i += 2; // %20 between groups
			}
			else if (isDigit(c)) {
				count++;
			}
		}
		int sum = 0;
		int position = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c == '%') {
				i += 2;
				continue;
			}
			if (!isDigit(c)) {
				continue;
			}
			int digit = c - '0';
			// Every second digit from the right, the check digit not included, is doubled.
			if ((count - position) % 2 == 0) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			position++;
		}
		return sum % 10 == 0;
	}

	/**
	 * Whether the digits touch a letter: then they are part of an identifier, such as a hex
	 * transaction id ({@code txn_35398436846247a790}), not a card number written in text. A
	 * URL escape ({@code %2F}) before them counts as a separator.
	 */
	private static boolean isGluedToLetters(String value, int start, int end) {
		if (end < value.length() && isLetter(value.charAt(end))) {
			return true;
		}
		if (start == 0 || !isLetter(value.charAt(start - 1))) {
			return false;
		}
		return !(start >= 3 && value.charAt(start - 3) == '%');
	}

	private static boolean isLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
