package dev.tracing.boot.redaction;

/**
 * Masks personal data and secrets in a text before it leaves the process. The starter
 * applies it to every exported span; features that capture values themselves (request
 * headers and bodies, SQL parameters, Redis arguments) pass each captured value through it
 * too.
 * <p>
 * Implementations must be thread-safe and fast: they run for every string of every span.
 * Declare a bean of this type to replace the built-in detectors.
 */
@FunctionalInterface
public interface SensitiveDataMasker {

	/** A masker that changes nothing, used when {@code tracing.redaction.enabled=false}. */
	SensitiveDataMasker NONE = (value) -> value;

	/**
	 * Returns the value with every sensitive part replaced.
	 * @param value the text to mask, may be {@code null}
	 * @return the masked text, or the very same instance when nothing needed masking, so
	 * that callers can detect a change with {@code !=} and nothing is allocated for clean
	 * values
	 */
	String mask(String value);

}
