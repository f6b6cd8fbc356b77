package dev.tracing.boot.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets on a command line, for {@code tracing.redaction.command-line=mask}: the
 * value of every option whose name is one of the {@link SensitiveKeys}
 * ({@code -Dapp.api-key=...}, {@code --spring.datasource.password=...},
 * {@code --password hunter2}), the password in URLs ({@code jdbc:postgresql://app:pw@db/x}),
 * sensitive query parameters in URLs, and whatever the {@link SensitiveDataMasker} finds.
 */
final class CommandLineMasker {

	private static final Pattern URL_CREDENTIALS = Pattern.compile("(://[^/@:\\s]*):[^/@\\s]*@");

	private final SensitiveKeys keys;

	private final SensitiveParameters parameters;

	private final SensitiveDataMasker masker;

	CommandLineMasker(SensitiveKeys keys, SensitiveDataMasker masker) {
		this.keys = keys;
		this.parameters = new SensitiveParameters(keys);
		this.masker = masker;
	}

	/** The arguments with their secrets masked, one for one. */
	List<String> mask(List<String> arguments) {
		List<String> masked = new ArrayList<>(arguments.size());
		boolean valueOfSensitiveOption = false;
		for (String argument : arguments) {
			if (valueOfSensitiveOption && !argument.startsWith("-")) {
				masked.add(SensitiveKeys.REDACTED);
				valueOfSensitiveOption = false;
				continue;
			}
			valueOfSensitiveOption = false;
			int equals = argument.indexOf('=');
			if (equals > 0) {
				masked.add(maskOption(argument, equals));
			}
			else {
				valueOfSensitiveOption = argument.startsWith("-") && isSensitiveName(argument, argument.length());
				masked.add(maskText(argument));
			}
		}
		return masked;
	}

	/** A whole command line in one string, split at white space. */
	String maskLine(String line) {
		return String.join(" ", mask(List.of(line.trim().split("\\s+"))));
	}

	private String maskOption(String argument, int equals) {
		if (isSensitiveName(argument, equals)) {
			return argument.substring(0, equals + 1) + SensitiveKeys.REDACTED;
		}
		return argument.substring(0, equals + 1) + maskText(argument.substring(equals + 1));
	}

	/** Whether the option name before {@code end} (without dashes or -D), or its last part, is sensitive. */
	private boolean isSensitiveName(String argument, int end) {
		int start = 0;
		while (start < end && argument.charAt(start) == '-') {
			start++;
		}
		if (start == 1 && start < end && argument.charAt(start) == 'D') {
			start++;
		}
		if (start >= end) {
			return false;
		}
		if (this.keys.matches(argument, start, end)) {
			return true;
		}
		int lastDot = argument.lastIndexOf('.', end - 1);
		return lastDot >= start && this.keys.matches(argument, lastDot + 1, end);
	}

	private String maskText(String text) {
		String masked = text;
		Matcher credentials = URL_CREDENTIALS.matcher(masked);
		if (credentials.find()) {
			masked = credentials.replaceAll("$1:" + Matcher.quoteReplacement(SensitiveKeys.REDACTED) + "@");
		}
		masked = this.parameters.redactUrl(masked);
		String detected = this.masker.mask(masked);
		return (detected != null) ? detected : masked;
	}

}
