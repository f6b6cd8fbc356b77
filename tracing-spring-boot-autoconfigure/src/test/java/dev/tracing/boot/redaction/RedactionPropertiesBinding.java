package dev.tracing.boot.redaction;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@code tracing.redaction.*} from a map, as Spring Boot does at start-up. */
final class RedactionPropertiesBinding {

	private RedactionPropertiesBinding() {
	}

	static RedactionProperties bind(String... keyValues) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			properties.put(keyValues[i], keyValues[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tracing.redaction",
				RedactionProperties.class);
	}

	static PiiMasker masker(String... keyValues) {
		return PiiMasker.of(bind(keyValues));
	}

}
