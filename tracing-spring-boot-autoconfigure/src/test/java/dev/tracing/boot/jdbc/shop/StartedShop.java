package dev.tracing.boot.jdbc.shop;

import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link Shop} parameter: one shop per test class, started on first use and
 * closed after the class, so that no application outlives the class that needed it. The
 * tests of a class share it and tell their requests apart by trace id.
 */
public abstract class StartedShop implements ParameterResolver {

	private final Map<String, String> properties;

	protected StartedShop(Map<String, String> properties) {
		this.properties = properties;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Shop.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext testClass = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
		return testClass.getStore(ExtensionContext.Namespace.create(StartedShop.class))
			.getOrComputeIfAbsent(getClass().getName(), (key) -> Shop.start(this.properties), Shop.class);
	}

	/** The shop with every data setting at its default. */
	public static final class Defaults extends StartedShop {

		public Defaults() {
			super(Map.of());
		}

	}

	/** The shop with every data opt-in on: SQL commenter, parameter capture, Redis arguments. */
	public static final class OptIns extends StartedShop {

		public OptIns() {
			super(Map.of("tracing.jdbc.sql-commenter", "true", "tracing.jdbc.capture-parameters", "true",
					"tracing.redis.capture-arguments", "true"));
		}

	}

}
