package dev.tracing.boot.viewer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.engine.EngineSettingsEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerExporterEnvironmentPostProcessorTests {

	@Test
	void addsTheViewerBesideWhateverIsConfigured() {
		assertThat(ViewerExporterEnvironmentPostProcessor.withViewer(List.of("otlp")))
			.containsExactly("otlp", "tracing-viewer");
		assertThat(ViewerExporterEnvironmentPostProcessor.withViewer(List.of("otlp", "logging")))
			.containsExactly("otlp", "logging", "tracing-viewer");
		assertThat(ViewerExporterEnvironmentPostProcessor.withViewer(List.of("none"))).containsExactly("tracing-viewer");
		assertThat(ViewerExporterEnvironmentPostProcessor.withViewer(List.of())).containsExactly("otlp",
				"tracing-viewer");
		assertThat(ViewerExporterEnvironmentPostProcessor.withViewer(List.of("tracing-viewer", "otlp")))
			.containsExactly("tracing-viewer", "otlp");
	}

	@Test
	void viewerJoinsTheExportersMappedFromTracingProperties() {
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true"), Map.of())).isEqualTo("otlp,tracing-viewer");
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true", "tracing.exporter.type", "none"), Map.of()))
			.isEqualTo("tracing-viewer");
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true", "tracing.exporter.type", "logging",
				"tracing.exporter.endpoint", "http://collector:4318"), Map.of()))
			.isEqualTo("logging,otlp,tracing-viewer");
	}

	@Test
	void viewerJoinsTheExportersOfAStandardVariable() {
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true"), Map.of("OTEL_TRACES_EXPORTER", "logging")))
			.isEqualTo("logging,tracing-viewer");
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true"), Map.of("OTEL_TRACES_EXPORTER", "none")))
			.isEqualTo("tracing-viewer");
	}

	@Test
	void changesNothingWhenTheViewerOrTracingIsOff() {
		assertThat(exporters(Map.of(), Map.of())).isEqualTo("otlp");
		assertThat(exporters(Map.of("tracing.viewer.enabled", "false", "tracing.exporter.type", "none"), Map.of()))
			.isEqualTo("none");
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true", "tracing.enabled", "false"), Map.of()))
			.isNull();
		assertThat(exporters(Map.of("tracing.viewer.enabled", "true"), Map.of("OTEL_SDK_DISABLED", "true")))
			.isEqualTo("otlp");
	}

	/** Runs the starter's two post-processors, in order, and reads the resulting list. */
	private static String exporters(Map<String, Object> properties, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		SpringApplication application = new SpringApplication();
		new EngineSettingsEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		new ViewerExporterEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		return Binder.get(environment)
			.bind("otel.traces.exporter", Bindable.listOf(String.class))
			.map((list) -> String.join(",", list))
			.orElse(null);
	}

}
