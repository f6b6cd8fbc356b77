package dev.tracing.boot.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.PropertyResolver;

/**
 * The {@code otel.*} (and a few {@code logging.*} and {@code spring.*}) settings that the
 * features contribute for the engine, in two layers:
 * <ul>
 * <li>{@linkplain #put defaults}, added with the lowest precedence: a standard
 * {@code OTEL_*} variable or {@code otel.*} property set anywhere wins over the
 * {@code tracing.*} value it corresponds to;</li>
 * <li>{@linkplain #force overrides}, added with the highest precedence, only for the engine
 * features that the starter replaces with its own (the engine's exporter set-up and the
 * instrumentations it reimplements), so that the engine's copy can never run beside ours.
 * What the user asked of those keys stays readable through {@link #requested}.</li>
 * </ul>
 */
public final class EngineSettings {

	private final Binder binder;

	private final PropertyResolver environment;

	private final Map<String, Object> defaults = new LinkedHashMap<>();

	private final Map<String, Object> overrides = new LinkedHashMap<>();

	private final Map<String, Set<String>> lists = new LinkedHashMap<>();

	public EngineSettings(Binder binder, PropertyResolver environment) {
		this.binder = binder;
		this.environment = environment;
	}

	/**
	 * Runs every feature's contribution, as start-up does, which validates every
	 * {@code tracing.*} value bound from the binder.
	 * @param binder the binder over the configuration
	 * @param environment the environment
	 * @return the settings
	 * @throws dev.tracing.boot.InvalidTracingPropertyException for a value that cannot work
	 */
	public static EngineSettings of(Binder binder, PropertyResolver environment) {
		EngineSettings settings = new EngineSettings(binder, environment);
		for (EngineSettingsContributor contributor : EngineSettingsEnvironmentPostProcessor.contributors()) {
			contributor.contribute(settings);
		}
		return settings;
	}

	/** Binds a feature's properties; an invalid value fails here, before the engine starts. */
	public <T> T bind(String prefix, Class<T> type) {
		return this.binder.bindOrCreate(prefix, type);
	}

	/** The binder over the application's environment. */
	public Binder binder() {
		return this.binder;
	}

	/** The application's environment, as the user configured it. */
	public PropertyResolver environment() {
		return this.environment;
	}

	/** Adds a default that any standard variable or {@code otel.*} property overrides. */
	public void put(String key, Object value) {
		if (value != null) {
			this.defaults.put(key, value.toString());
		}
	}

	/**
	 * Adds values to a comma-separated list default, such as the request headers the server
	 * instrumentation captures; several features may add to one list. Values are
	 * lower-cased and kept once each.
	 */
	public void addToList(String key, Collection<String> values) {
		Set<String> list = this.lists.computeIfAbsent(key, (name) -> new LinkedHashSet<>());
		values.forEach((value) -> list.add(value.trim().toLowerCase(Locale.ROOT)));
	}

	/** Sets a key whatever the user set, for an engine feature that the starter replaces. */
	public void force(String key, Object value) {
		this.overrides.put(key, value.toString());
	}

	/** The defaults, lowest precedence. */
	public Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>(this.defaults);
		this.lists.forEach((key, values) -> {
			if (!values.isEmpty()) {
				defaults.put(key, String.join(",", values));
			}
		});
		return defaults;
	}

	/** The overrides, highest precedence. */
	public Map<String, Object> overrides() {
		return new LinkedHashMap<>(this.overrides);
	}

	/** Convenience for tests and reports: both layers, overrides winning. */
	public Map<String, Object> all() {
		Map<String, Object> all = defaults();
		all.putAll(this.overrides);
		return all;
	}

	/**
	 * Whether the application wants an engine instrumentation that the starter may have
	 * switched off in favour of its own: its {@code otel.instrumentation.<name>.enabled} as the
	 * application set it, else {@code otel.instrumentation.common.default-enabled}, else on.
	 * @param environment the application's environment
	 * @param name the instrumentation's name, such as {@code spring-webmvc}
	 * @return whether the instrumentation's spans are wanted
	 */
	public static boolean isInstrumentationRequested(PropertyResolver environment, String name) {
		List<String> explicit = requested(environment, "otel.instrumentation." + name + ".enabled");
		if (!explicit.isEmpty()) {
			return Boolean.parseBoolean(explicit.get(0));
		}
		return environment.getProperty("otel.instrumentation.common.default-enabled", Boolean.class, true);
	}

	/**
	 * What the application's configuration asks of a key that the starter may override,
	 * such as {@code otel.traces.exporter}: the value from every property source except the
	 * starter's overrides.
	 * @param environment the application's environment
	 * @param key the key
	 * @return the requested values, empty when the key is not set
	 */
	public static List<String> requested(PropertyResolver environment, String key) {
		return RequestedSettings.list(environment, key);
	}

}
