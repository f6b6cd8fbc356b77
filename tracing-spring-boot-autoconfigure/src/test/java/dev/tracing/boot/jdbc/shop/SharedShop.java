package dev.tracing.boot.jdbc.shop;

import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link Shop} parameter with one shop per variant, started on first use and
 * shared by every test class of the run that asks for the same variant, then closed when
 * the run ends. Each application start costs seconds; the tests tell their requests apart by
 * trace id.
 */
public abstract class SharedShop implements ParameterResolver {

	private final Map<String, String> properties;

	protected SharedShop(Map<String, String> properties) {
		this.properties = properties;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Shop.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(getClass().getName(), (key) -> Shop.start(this.properties), Shop.class);
	}

	/** The shop with every data setting at its default. */
	public static final class Defaults extends SharedShop {

		public Defaults() {
			super(Map.of());
		}

	}

	/** The shop with every data opt-in on: SQL commenter, parameter capture, Redis arguments. */
	public static final class OptIns extends SharedShop {

		public OptIns() {
			super(Map.of("tracing.jdbc.sql-commenter", "true", "tracing.jdbc.capture-parameters", "true",
					"tracing.redis.capture-arguments", "true"));
		}

	}

}
