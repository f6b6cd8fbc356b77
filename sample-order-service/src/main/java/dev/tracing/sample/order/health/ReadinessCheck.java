package dev.tracing.sample.order.health;

/** A dependency that must answer before the service takes traffic. */
interface ReadinessCheck {

	/** The dependency's name in the readiness answer, e.g. {@code database}. */
	String name();

	/** Returns normally when the dependency answers; throws otherwise. */
	void check() throws Exception;

}
