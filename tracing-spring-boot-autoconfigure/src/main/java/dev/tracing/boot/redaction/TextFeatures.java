package dev.tracing.boot.redaction;

/**
 * One pass over a text that tells which detectors could possibly match it: an {@code @},
 * a long run of digits, the start of a JWT, the word bearer. Most span values (methods,
 * routes, host names, user agents) have none of these and are never given to a regular
 * expression.
 */
final class TextFeatures {

	/** An {@code @} or its URL encoding {@code %40}. */
	static final int AT_SIGN = 1;

	/** At least {@value #PHONE_DIGITS} digits in a run of digits and separators. */
	static final int PHONE_DIGITS_RUN = 2;

	/** At least {@value #CARD_DIGITS} digits in a run of digits and separators. */
	static final int CARD_DIGITS_RUN = 4;

	/** {@code eyJ}, the base64 of {@code {"} that every JWT starts with. */
	static final int JWT_START = 8;

	/** The word bearer, in any case. */
	static final int BEARER = 16;

	static final int PHONE_DIGITS = 8;

	static final int CARD_DIGITS = 13;

	private static final byte OTHER = 0;

	private static final byte DIGIT = 1;

	private static final byte SEPARATOR = 2;

	private static final byte SPECIAL = 3;

	/** The class of each ASCII character; everything else is {@link #OTHER}. */
	private static final byte[] CLASSES = new byte[128];

	static {
		for (char c = '0'; c <= '9'; c++) {
			CLASSES[c] = DIGIT;
		}
		for (char c : new char[] { ' ', '-', '.', '(', ')', '+' }) {
			CLASSES[c] = SEPARATOR;
		}
		for (char c : new char[] { '@', '%', 'J', 'r', 'R' }) {
			CLASSES[c] = SPECIAL;
		}
	}

	private TextFeatures() {
	}

	/**
	 * Returns the features of the text, looking only for the {@code wanted} ones.
	 */
	static int of(String text, int wanted) {
		int length = text.length();
		int found = 0;
		int run = 0;
		int longestRun = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			byte type = (c < 128) ? CLASSES[c] : OTHER;
			if (type == DIGIT) {
				run++;
				continue;
			}
			if (type == SEPARATOR) {
				continue;
			}
			if (type == SPECIAL) {
				if (c == '%') {
					if (i + 2 < length) {
						char high = text.charAt(i + 1);
						char low = text.charAt(i + 2);
						if (high == '4' && low == '0') {
							found |= AT_SIGN;
						}
						else if (high == '2' && (low == '0' || low == 'B' || low == 'b')) {
							i += 2; // an encoded space or plus sign inside a number
							continue;
						}
					}
				}
				else if (c == '@') {
					found |= AT_SIGN;
				}
				else if (c == 'J') {
					if (i >= 2 && text.charAt(i - 1) == 'y' && text.charAt(i - 2) == 'e') {
						found |= JWT_START;
					}
				}
				else if (i >= 5 && text.regionMatches(true, i - 5, "bearer", 0, 6)) {
					found |= BEARER;
				}
			}
			if (run > longestRun) {
				longestRun = run;
			}
			run = 0;
		}
		if ((wanted & (PHONE_DIGITS_RUN | CARD_DIGITS_RUN)) != 0) {
			longestRun = Math.max(longestRun, run);
			if (longestRun >= PHONE_DIGITS) {
				found |= PHONE_DIGITS_RUN;
			}
			if (longestRun >= CARD_DIGITS) {
				found |= CARD_DIGITS_RUN;
			}
		}
		return found & wanted;
	}

}
