package dev.tracing.boot.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import dev.tracing.boot.engine.EngineSettings;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.core.env.PropertyResolver;

/**
 * The span exporters the application asks for by name, in {@code tracing.exporter.type} or
 * {@code OTEL_TRACES_EXPORTER} ({@code otlp}, {@code logging}, or any name a
 * {@link ConfigurableSpanExporterProvider} on the class path or in the context answers to),
 * created the way the SDK would create them, from the engine's configuration, so that every
 * {@code OTEL_EXPORTER_OTLP_*} setting applies. The OTLP exporter also gets
 * {@code tracing.exporter.headers}.
 */
public final class ConfiguredSpanExporters {

	static final String OTLP = "otlp";

	private final PropertyResolver environment;

	private final List<ConfigurableSpanExporterProvider> beanProviders;

	private final OtlpHeaders headers;

	private final Map<String, String> tracingHeaders;

	private final boolean otlpDeclaredAsBean;

	ConfiguredSpanExporters(PropertyResolver environment, List<ConfigurableSpanExporterProvider> beanProviders,
			Map<String, String> tracingHeaders, boolean otlpDeclaredAsBean) {
		this.environment = environment;
		this.beanProviders = List.copyOf(beanProviders);
		this.tracingHeaders = Map.copyOf(tracingHeaders);
		this.headers = new OtlpHeaders(tracingHeaders);
		this.otlpDeclaredAsBean = otlpDeclaredAsBean;
	}

	/** The exporter names the application asks for, {@code none} left out. */
	public List<String> names() {
		List<String> names = new ArrayList<>();
		for (String name : EngineSettings.requested(this.environment, ExportEngineSettings.TRACES_EXPORTER)) {
			if (!name.equals("none") && !names.contains(name) && !(name.equals(OTLP) && this.otlpDeclaredAsBean)) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Creates the exporters, by name.
	 * @param config the engine's configuration
	 * @return the exporters, in the order they were asked for
	 * @throws ConfigurationException when no provider answers to a name
	 */
	public Map<String, SpanExporter> create(ConfigProperties config) {
		Map<String, SpanExporter> exporters = new LinkedHashMap<>();
		List<ConfigurableSpanExporterProvider> providers = providers();
		for (String name : names()) {
			SpanExporter exporter = find(providers, name).createExporter(config);
			exporters.put(name, name.equals(OTLP) ? this.headers.apply(exporter, config) : exporter);
		}
		return exporters;
	}

	/** Where the OTLP exporter sends spans, or {@code null} when there is none of ours. */
	public OtlpSettings otlp(ConfigProperties config) {
		return names().contains(OTLP) ? OtlpSettings.of(config, this.tracingHeaders) : null;
	}

	private List<ConfigurableSpanExporterProvider> providers() {
		List<ConfigurableSpanExporterProvider> providers = new ArrayList<>(this.beanProviders);
		ServiceLoader.load(ConfigurableSpanExporterProvider.class, ConfiguredSpanExporters.class.getClassLoader())
			.forEach(providers::add);
		return providers;
	}

	private static ConfigurableSpanExporterProvider find(List<ConfigurableSpanExporterProvider> providers,
			String name) {
		for (ConfigurableSpanExporterProvider provider : providers) {
			if (name.equals(provider.getName())) {
				return provider;
			}
		}
		throw new ConfigurationException("Unrecognized span exporter '" + name + "' in otel.traces.exporter (or "
				+ "tracing.exporter.type): no exporter of that name is on the class path");
	}

	@Override
	public String toString() {
		return "ConfiguredSpanExporters" + names();
	}

}
