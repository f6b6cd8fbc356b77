package dev.tracing.boot.engine;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/** Reads the environment as the user configured it, without the starter's overrides. */
final class RequestedSettings {

	private RequestedSettings() {
	}

	static List<String> list(PropertyResolver environment, String key) {
		Binder binder;
		if (environment instanceof ConfigurableEnvironment configurable) {
			MutablePropertySources sources = new MutablePropertySources();
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (!EngineSettingsEnvironmentPostProcessor.OVERRIDES.equals(source.getName())
						&& !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
					sources.addLast(source);
				}
			}
			binder = new Binder(ConfigurationPropertySources.from(sources));
		}
		else {
			return (environment.getProperty(key) != null) ? split(environment.getProperty(key)) : List.of();
		}
		return binder.bind(key, String[].class).map(Arrays::asList).map(RequestedSettings::trimmed).orElse(List.of());
	}

	private static List<String> split(String value) {
		return trimmed(Arrays.asList(value.split(",")));
	}

	private static List<String> trimmed(List<String> values) {
		return values.stream().map(String::trim).filter((value) -> !value.isEmpty()).toList();
	}

}
