package dev.tracing.boot.redaction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Searches the raw bytes an OTLP receiver got for a planted value in every form it could
 * take on the way: as written, URL-encoded (form and percent style) and, for numbers
 * written in groups, as bare digits.
 */
final class WireSearch {

	private WireSearch() {
	}

	/** The forms in which a planted value would be a leak. */
	static Set<String> forms(String planted) {
		Set<String> forms = new LinkedHashSet<>();
		forms.add(planted);
		String formEncoded = URLEncoder.encode(planted, StandardCharsets.UTF_8);
		forms.add(formEncoded);
		forms.add(formEncoded.replace("+", "%20"));
		String digits = planted.replaceAll("[^0-9]", "");
		if (digits.length() >= 8 && digits.length() < planted.length()) {
			forms.add(digits);
		}
		return forms;
	}

	/** Every form of every planted value found in the payloads, described for a failure message. */
	static List<String> leaks(List<byte[]> payloads, Iterable<String> planted) {
		List<String> leaks = new ArrayList<>();
		for (String value : planted) {
			for (String form : forms(value)) {
				if (contains(payloads, form)) {
					leaks.add("'" + form + "' (planted as '" + value + "')");
				}
			}
		}
		return leaks;
	}

	static boolean contains(List<byte[]> payloads, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		for (byte[] payload : payloads) {
			if (indexOf(payload, needle) >= 0) {
				return true;
			}
		}
		return false;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
