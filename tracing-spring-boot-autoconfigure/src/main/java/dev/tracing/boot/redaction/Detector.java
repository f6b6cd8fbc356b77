package dev.tracing.boot.redaction;

/**
 * One kind of sensitive data, found in a text and replaced. Each detector declares which
 * cheap {@link TextFeatures} a text must have before it is worth searching, so that the
 * common clean value costs one scan and no regular expression.
 */
abstract class Detector {

	private final String name;

	private final int requiredFeatures;

	Detector(String name, int requiredFeatures) {
		this.name = name;
		this.requiredFeatures = requiredFeatures;
	}

	String name() {
		return this.name;
	}

	/** The {@link TextFeatures} bits of which a text needs at least one; 0 for every text. */
	int requiredFeatures() {
		return this.requiredFeatures;
	}

	/**
	 * Returns the value with every match replaced, or the same instance when nothing
	 * matched.
	 */
	abstract String mask(String value);

	@Override
	public String toString() {
		return this.name;
	}

}
