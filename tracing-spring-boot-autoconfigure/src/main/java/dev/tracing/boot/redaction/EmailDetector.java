package dev.tracing.boot.redaction;

/**
 * Finds e-mail addresses by their {@code @} (or URL-encoded {@code %40}) and grows each
 * match outwards, instead of running a regular expression from every position of the
 * text: a long stack trace with one {@code @} costs one short look around it.
 */
final class EmailDetector extends Detector {

	private static final int MAX_LOCAL_PART = 64;

	private static final int MAX_DOMAIN = 253;

	private final String replacement;

	EmailDetector(String replacement) {
		super("email", TextFeatures.AT_SIGN);
		this.replacement = replacement;
	}

	@Override
	String mask(String value) {
		StringBuilder masked = null;
		int copied = 0;
		int from = 0;
		int length = value.length();
		while (from < length) {
			int at = value.indexOf('@', from);
			int encoded = value.indexOf("%40", from);
			int separatorLength = 1;
			if (encoded >= 0 && (at < 0 || encoded < at)) {
				at = encoded;
				separatorLength = 3;
			}
			if (at < 0) {
				break;
			}
			int start = localPartStart(value, at, copied);
			int domainStart = at + separatorLength;
			int end = domainEnd(value, domainStart);
			if (start < at && isDomain(value, domainStart, end)) {
				if (masked == null) {
					masked = new StringBuilder(length);
				}
				masked.append(value, copied, start).append(this.replacement);
				copied = end;
				from = end;
			}
			else {
				from = domainStart;
			}
		}
		if (masked == null) {
			return value;
		}
		return masked.append(value, copied, length).toString();
	}

	private static int localPartStart(String value, int at, int limit) {
		int start = at;
		while (start > limit && at - start < MAX_LOCAL_PART && isLocalPartChar(value.charAt(start - 1))) {
			start--;
		}
		while (start < at && value.charAt(start) == '.') {
			start++;
		}
		return start;
	}

	private static int domainEnd(String value, int domainStart) {
		int end = domainStart;
		int length = value.length();
		while (end < length && end - domainStart < MAX_DOMAIN && isDomainChar(value.charAt(end))) {
			end++;
		}
		while (end > domainStart && (value.charAt(end - 1) == '.' || value.charAt(end - 1) == '-')) {
			end--;
		}
		return end;
	}

	/** A host name with at least one dot and a top-level domain of two or more letters. */
	private static boolean isDomain(String value, int start, int end) {
		int lastDot = value.lastIndexOf('.', end - 1);
		if (lastDot <= start || end - lastDot - 1 < 2) {
			return false;
		}
		for (int i = lastDot + 1; i < end; i++) {
			if (!isAsciiLetter(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLocalPartChar(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
	}

	private static boolean isDomainChar(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

}
