package dev.tracing.boot.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.engine.EngineSettingsEnvironmentPostProcessor;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the viewer's exporter to {@code otel.traces.exporter} when the viewer is on, beside
 * whatever exporters are configured, wherever they are configured: the {@code tracing.*}
 * mapping, {@code OTEL_TRACES_EXPORTER} or {@code otel.traces.exporter}. It only adds; the
 * configured exporters stay as they are, except {@code none}, which cannot be combined with
 * another exporter and so gives way to the viewer alone.
 */
public class ViewerExporterEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source this post-processor adds. */
	public static final String PROPERTY_SOURCE_NAME = "tracingViewerExporter";

	private static final String EXPORTERS = "otel.traces.exporter";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
		Binder binder = Binder.get(environment);
		boolean viewer = binder.bind("tracing.viewer.enabled", Boolean.class).orElse(false);
		boolean tracing = binder.bind("tracing.enabled", Boolean.class).orElse(true)
				&& !binder.bind("otel.sdk.disabled", Boolean.class).orElse(false);
		if (!viewer || !tracing) {
			return;
		}
		List<String> configured = binder.bind(EXPORTERS, Bindable.listOf(String.class)).orElse(List.of());
		List<String> exporters = withViewer(configured);
		if (!exporters.equals(configured)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(EXPORTERS, String.join(",", exporters))));
		}
	}

	/** The exporter list with the viewer added. An empty list means the SDK's default, OTLP. */
	static List<String> withViewer(List<String> configured) {
		List<String> exporters = new ArrayList<>();
		for (String exporter : configured) {
			String name = exporter.trim();
			if (!name.isEmpty() && !name.equals("none") && !exporters.contains(name)) {
				exporters.add(name);
			}
		}
		if (configured.isEmpty()) {
			exporters.add("otlp");
		}
		if (!exporters.contains(TraceStoreExporter.NAME)) {
			exporters.add(TraceStoreExporter.NAME);
		}
		return exporters;
	}

	@Override
	public int getOrder() {
		return new EngineSettingsEnvironmentPostProcessor().getOrder() + 1;
	}

}
