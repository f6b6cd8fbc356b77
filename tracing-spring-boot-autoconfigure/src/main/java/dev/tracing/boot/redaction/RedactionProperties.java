package dev.tracing.boot.redaction;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Masking of personal data and secrets in every exported span: span names, string
 * attribute values, event names and attributes (exception messages and stack traces
 * included), link attributes and status descriptions. Masking happens on the exporter
 * thread, just before spans are serialised.
 *
 * @param enabled Whether the content detectors (e-mail, phone, payment card, bearer token, JWT
 * and your own patterns) mask what they find before spans leave the process. Values of
 * sensitive-keys are masked whatever this says.
 * @param email E-mail addresses, also URL-encoded (alice%40example.com).
 * @param phone Phone numbers written with separators (415-555-0132, (415) 555-0132) or in
 * international form (+44 20 7946 0958). Bare digit runs are left alone, so that ids and
 * timestamps survive.
 * @param paymentCard Payment card numbers: 13 to 19 digits, plain or in groups, that start
 * like a card (2 to 6) and pass the Luhn check, so that order ids and timestamps survive.
 * @param bearerToken Bearer tokens: the word Bearer followed by a token, as in an
 * Authorization header.
 * @param jwt JSON Web Tokens (eyJ... three dot-separated base64url parts), wherever they
 * appear.
 * @param patterns Your own patterns, applied before the built-in detectors, each with a name,
 * a regular expression and a replacement.
 * @param dropAttributes Attribute keys removed from spans, events and links entirely. A key
 * ending in * removes every key with that prefix, for example http.request.header.*.
 * @param exemptAttributes Attribute keys whose values are never masked, for identifiers you
 * know are safe. A key ending in * exempts every key with that prefix.
 * @param sensitiveKeys Names whose values are secrets whatever they look like:
 * case-insensitive patterns in which * matches any run of characters. The value of a JSON
 * field (at any depth) or form field in a captured body, of a query parameter, of a captured
 * header, of a span or resource attribute (its whole key) and of a command-line
 * option with such a name is replaced by [REDACTED] (REDACTED in URLs and forms). Applies
 * even when enabled is false. Setting the list replaces the defaults.
 * @param commandLine What the process.command_args and process.command_line resource
 * attributes carry: omit (the default) leaves them out; mask keeps them, with the values of
 * options named by sensitive-keys, URL credentials and personal data masked.
 */
@ConfigurationProperties("tracing.redaction")
public record RedactionProperties(@DefaultValue("true") boolean enabled, @DefaultValue Email email,
		@DefaultValue Phone phone, @DefaultValue PaymentCard paymentCard, @DefaultValue BearerToken bearerToken,
		@DefaultValue Jwt jwt, List<CustomPattern> patterns, List<String> dropAttributes,
		List<String> exemptAttributes,
		@DefaultValue({ "*password*", "*passwd*", "*pwd*", "*secret*", "*token*", "*api*key*", "*access*key*",
				"*private*key*", "*credential*", "*session*", "*credit*", "*card*", "cvv", "cvc", "ssn",
				"authorization", "proxy-authorization", "cookie", "set-cookie", "*signature*", "sig", "key",
				"auth" }) List<String> sensitiveKeys,
		@DefaultValue("omit") CommandLine commandLine) {

	static final String DEFAULT_PATTERN_REPLACEMENT = "****";

	public RedactionProperties {
		patterns = (patterns != null) ? List.copyOf(patterns) : List.of();
		dropAttributes = validKeys("tracing.redaction.drop-attributes", dropAttributes);
		exemptAttributes = validKeys("tracing.redaction.exempt-attributes", exemptAttributes);
		sensitiveKeys = sensitiveKeyPatterns(sensitiveKeys);
		if (commandLine == null) {
			commandLine = CommandLine.OMIT;
		}
		for (int i = 0; i < patterns.size(); i++) {
			patterns.get(i).validate("tracing.redaction.patterns[" + i + "]");
		}
	}

	/** The sensitive keys, ready to match. */
	public SensitiveKeys sensitiveKeyMatcher() {
		return new SensitiveKeys(this.sensitiveKeys);
	}

	private static List<String> sensitiveKeyPatterns(List<String> patterns) {
		if (patterns == null) {
			return List.of();
		}
		List<String> trimmed = patterns.stream().map(String::trim).filter((key) -> !key.isEmpty()).toList();
		for (int i = 0; i < trimmed.size(); i++) {
			String pattern = trimmed.get(i);
			if (pattern.chars().allMatch((c) -> c == '*')) {
				throw new InvalidTracingPropertyException("tracing.redaction.sensitive-keys[" + i + "]", pattern,
						"a pattern of wildcards alone would mask every value of every field, header and attribute",
						"name the secrets, for example *token* or api_key");
			}
			if (pattern.chars().anyMatch(Character::isWhitespace)) {
				throw new InvalidTracingPropertyException("tracing.redaction.sensitive-keys[" + i + "]", pattern,
						"a key pattern cannot contain white space",
						"list the patterns one by one, for example *password*,*token*,cvv");
			}
		}
		return trimmed;
	}

	private static List<String> validKeys(String property, List<String> keys) {
		if (keys == null) {
			return List.of();
		}
		List<String> trimmed = keys.stream().map(String::trim).filter((key) -> !key.isEmpty()).toList();
		for (int i = 0; i < trimmed.size(); i++) {
			String key = trimmed.get(i);
			if (key.indexOf('*') != key.length() - 1 && key.indexOf('*') >= 0) {
				throw new InvalidTracingPropertyException(property + "[" + i + "]", key,
						"a * is only allowed at the end of an attribute key",
						"use an exact key such as enduser.id, or a prefix such as http.request.header.*");
			}
		}
		return trimmed;
	}

	/** What leaves the process of the command line that started it. */
	public enum CommandLine {

		/** The command-line resource attributes are left out. */
		OMIT,
		/** The command line is kept, with secret-looking values masked. */
		MASK

	}

	/**
	 * E-mail address detection.
	 *
	 * @param enabled Whether e-mail addresses are masked.
	 * @param replacement The text that replaces each e-mail address.
	 */
	public record Email(@DefaultValue("true") boolean enabled,
			@DefaultValue("***@***.**") String replacement) {
	}

	/**
	 * Phone number detection.
	 *
	 * @param enabled Whether phone numbers are masked.
	 * @param replacement The text that replaces each phone number.
	 */
	public record Phone(@DefaultValue("true") boolean enabled,
			@DefaultValue("***-***-****") String replacement) {
	}

	/**
	 * Payment card number detection.
	 *
	 * @param enabled Whether payment card numbers are masked.
	 * @param replacement The text that replaces each card number.
	 */
	public record PaymentCard(@DefaultValue("true") boolean enabled,
			@DefaultValue("****-****-****-****") String replacement) {
	}

	/**
	 * Bearer token detection.
	 *
	 * @param enabled Whether bearer tokens are masked.
	 * @param replacement The text that replaces the word Bearer and its token.
	 */
	public record BearerToken(@DefaultValue("true") boolean enabled,
			@DefaultValue("Bearer ****") String replacement) {
	}

	/**
	 * JSON Web Token detection.
	 *
	 * @param enabled Whether JWTs are masked.
	 * @param replacement The text that replaces each JWT.
	 */
	public record Jwt(@DefaultValue("true") boolean enabled,
			@DefaultValue("***.***.***") String replacement) {
	}

	/**
	 * A pattern of your own, for data the built-in detectors do not know, such as customer
	 * numbers or national identity numbers.
	 *
	 * @param name A name for the pattern, used in logs. Defaults to its position in the list.
	 * @param regex A Java regular expression; every match is replaced.
	 * @param replacement The literal text that replaces each match.
	 */
	public record CustomPattern(String name, String regex,
			@DefaultValue(DEFAULT_PATTERN_REPLACEMENT) String replacement) {

		void validate(String property) {
			if (this.regex == null || this.regex.isEmpty()) {
				throw new InvalidTracingPropertyException(property + ".regex", this.regex,
						"a pattern needs a regular expression",
						"set " + property + ".regex, for example \\bCUST-\\d{6}\\b, or remove the pattern");
			}
			Pattern compiled;
			try {
				compiled = Pattern.compile(this.regex);
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidTracingPropertyException(property + ".regex", this.regex,
						"not a valid regular expression (" + ex.getDescription() + " near index " + ex.getIndex() + ")",
						"fix the Java regular expression; in YAML, quote it and escape each backslash in double quotes",
						ex);
			}
			if (compiled.matcher("").matches()) {
				throw new InvalidTracingPropertyException(property + ".regex", this.regex,
						"the expression matches the empty string, so the replacement would be inserted "
								+ "between every character",
						"make the expression match at least one character, for example use + instead of *");
			}
		}

		String nameOr(int index) {
			return (this.name != null && !this.name.isBlank()) ? this.name : "patterns[" + index + "]";
		}

	}

}
