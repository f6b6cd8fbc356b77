package dev.tracing.boot;

/**
 * Thrown at start-up when a {@code tracing.*} property holds a value that cannot work. Turned
 * into a readable report by {@link InvalidTracingPropertyFailureAnalyzer}.
 */
public class InvalidTracingPropertyException extends IllegalArgumentException {

	private final String property;

	private final Object value;

	private final String fix;

	public InvalidTracingPropertyException(String property, Object value, String problem, String fix) {
		this(property, value, problem, fix, null);
	}

	public InvalidTracingPropertyException(String property, Object value, String problem, String fix,
			Throwable cause) {
		super(((value != null) ? "Invalid value '" + value + "' for" : "Missing value for") + " property '" + property
				+ "': " + problem, cause);
		this.property = property;
		this.value = value;
		this.fix = fix;
	}

	/** The full name of the offending property, for example {@code tracing.sampling.ratio}. */
	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	/** What the user should do instead. */
	public String getFix() {
		return this.fix;
	}

}
