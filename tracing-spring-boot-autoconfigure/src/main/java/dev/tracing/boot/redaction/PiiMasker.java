package dev.tracing.boot.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in {@link SensitiveDataMasker}: the user's patterns first, then the built-in
 * detectors (bearer tokens, JWTs, e-mail addresses, payment cards, phone numbers). A text
 * is scanned once for the features the detectors need ({@link TextFeatures}); a detector
 * whose feature is absent is skipped, so a clean value costs one pass and allocates
 * nothing.
 */
public final class PiiMasker implements SensitiveDataMasker {

	private static final Pattern BEARER_TOKEN = Pattern
		.compile("(?i)\\bbearer(?:\\s+|%20|\\+)[A-Za-z0-9._~+/-]+=*");

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	private final Detector[] detectors;

	private final int wantedFeatures;

	private final int unconditionalDetectors;

	PiiMasker(List<Detector> detectors) {
		// Detectors that need no feature come first, so features are computed on what
		// they leave.
		List<Detector> ordered = new ArrayList<>(detectors.stream().filter((d) -> d.requiredFeatures() == 0).toList());
		this.unconditionalDetectors = ordered.size();
		ordered.addAll(detectors.stream().filter((d) -> d.requiredFeatures() != 0).toList());
		this.detectors = ordered.toArray(Detector[]::new);
		int wanted = 0;
		for (Detector detector : this.detectors) {
			wanted |= detector.requiredFeatures();
		}
		this.wantedFeatures = wanted;
	}

	/** The masker that {@code tracing.redaction.*} describes. */
	public static PiiMasker of(RedactionProperties properties) {
		List<Detector> detectors = new ArrayList<>();
		List<RedactionProperties.CustomPattern> patterns = properties.patterns();
		for (int i = 0; i < patterns.size(); i++) {
			RedactionProperties.CustomPattern pattern = patterns.get(i);
			detectors.add(new RegexDetector(pattern.nameOr(i), 0, Pattern.compile(pattern.regex()),
					pattern.replacement()));
		}
		if (properties.bearerToken().enabled()) {
			detectors.add(new RegexDetector("bearer-token", TextFeatures.BEARER, BEARER_TOKEN,
					properties.bearerToken().replacement()));
		}
		if (properties.jwt().enabled()) {
			detectors.add(new RegexDetector("jwt", TextFeatures.JWT_START, JWT,
					properties.jwt().replacement()));
		}
		if (properties.email().enabled()) {
			detectors.add(new EmailDetector(properties.email().replacement()));
		}
		if (properties.paymentCard().enabled()) {
			detectors.add(new PaymentCardDetector(properties.paymentCard().replacement()));
		}
		if (properties.phone().enabled()) {
			detectors.add(new PhoneDetector(properties.phone().replacement()));
		}
		return new PiiMasker(detectors);
	}

	@Override
	public String mask(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		String masked = value;
		for (int i = 0; i < this.unconditionalDetectors; i++) {
			masked = this.detectors[i].mask(masked);
		}
		if (this.wantedFeatures == 0) {
			return masked;
		}
		int features = TextFeatures.of(masked, this.wantedFeatures);
		if (features == 0) {
			return masked;
		}
		for (int i = this.unconditionalDetectors; i < this.detectors.length; i++) {
			Detector detector = this.detectors[i];
			if ((features & detector.requiredFeatures()) != 0) {
				masked = detector.mask(masked);
			}
		}
		return masked;
	}

	/** Whether no detector or pattern is active, so that nothing is ever masked. */
	public boolean isEmpty() {
		return this.detectors.length == 0;
	}

	@Override
	public String toString() {
		return "PiiMasker" + List.of(this.detectors);
	}

}
