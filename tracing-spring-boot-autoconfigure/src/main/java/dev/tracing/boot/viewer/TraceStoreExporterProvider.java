package dev.tracing.boot.viewer;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Makes {@value TraceStoreExporter#NAME} a span exporter name the SDK understands in
 * {@code otel.traces.exporter}. The engine finds this provider among the application's
 * beans.
 */
final class TraceStoreExporterProvider implements ConfigurableSpanExporterProvider {

	private final TraceStore store;

	TraceStoreExporterProvider(TraceStore store) {
		this.store = store;
	}

	@Override
	public SpanExporter createExporter(ConfigProperties config) {
		return new TraceStoreExporter(this.store);
	}

	@Override
	public String getName() {
		return TraceStoreExporter.NAME;
	}

}
