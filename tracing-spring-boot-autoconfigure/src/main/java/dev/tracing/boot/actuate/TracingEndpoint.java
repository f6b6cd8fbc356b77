package dev.tracing.boot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.pipeline.TracingPipeline;
import dev.tracing.boot.viewer.TraceStore;
import dev.tracing.boot.viewer.ViewerProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;

/**
 * The {@code tracing} actuator endpoint: the effective tracing configuration, secrets
 * masked; the exporters' health (spans exported, failed exports, last error, spans dropped
 * because the batch queue was full, queue depth); and the local viewer's store when the
 * viewer is on.
 */
@Endpoint(id = "tracing")
public class TracingEndpoint {

	private final TracingPipeline pipeline;

	private final ObjectProvider<ConfigProperties> config;

	private final Environment environment;

	private final ExportStatistics statistics;

	private final ObjectProvider<TraceStore> store;

	private final ObjectProvider<ViewerProperties> viewer;

	TracingEndpoint(TracingPipeline pipeline, ObjectProvider<ConfigProperties> config, Environment environment,
			ExportStatistics statistics, ObjectProvider<TraceStore> store, ObjectProvider<ViewerProperties> viewer) {
		this.pipeline = pipeline;
		this.config = config;
		this.environment = environment;
		this.statistics = statistics;
		this.store = store;
		this.viewer = viewer;
	}

	@ReadOperation
	public Map<String, Object> tracing() {
		Map<String, Object> tracing = new LinkedHashMap<>();
		TracingPipeline.Assembly assembly = this.pipeline.assembly();
		if (assembly != null) {
			ConfigProperties config = this.config.getIfAvailable();
			List<String> propagators = (config != null) ? config.getList("otel.propagators") : List.of();
			tracing.put("configuration",
					new EffectiveConfiguration(assembly, this.pipeline.resource(), propagators).describe());
		}
		else {
			tracing.put("configuration", Map.of("note",
					"the OpenTelemetry SDK is not built by the starter (an OpenTelemetry bean is defined elsewhere)"));
		}
		tracing.put("export", describe(this.statistics.snapshot()));
		TraceStore store = this.store.getIfAvailable();
		ViewerProperties viewer = this.viewer.getIfAvailable();
		if (store != null && viewer != null) {
			tracing.put("viewer", viewer(store, viewer));
		}
		return tracing;
	}

	static Map<String, Object> describe(ExportStatistics.Snapshot snapshot) {
		Map<String, Object> export = new LinkedHashMap<>();
		if (!snapshot.counting()) {
			export.put("note", "no span exporter is counted: none is configured, "
					+ "or the OpenTelemetry SDK is not built by the starter");
		}
		export.put("exports", snapshot.exports());
		export.put("spansExported", snapshot.exportedSpans());
		export.put("failedExports", snapshot.failedExports());
		export.put("spansFailed", snapshot.failedSpans());
		export.put("spansDropped", snapshot.droppedSpans());
		export.put("queueDepth", snapshot.queueDepth());
		export.put("lastError", snapshot.lastError());
		export.put("lastErrorAt", (snapshot.lastErrorAt() != null) ? snapshot.lastErrorAt().toString() : null);
		export.put("lastSuccessAt", (snapshot.lastSuccessAt() != null) ? snapshot.lastSuccessAt().toString() : null);
		return export;
	}

	private Map<String, Object> viewer(TraceStore store, ViewerProperties properties) {
		TraceStore.Statistics statistics = store.statistics();
		Map<String, Object> viewer = new LinkedHashMap<>();
		viewer.put("path", this.environment.getProperty("server.servlet.context-path", "") + properties.path());
		viewer.put("allowRemote", properties.allowRemote());
		viewer.put("traces", statistics.traces());
		viewer.put("spans", statistics.spans());
		viewer.put("estimatedBytes", statistics.estimatedBytes());
		viewer.put("evictedTraces", statistics.evictedTraces());
		viewer.put("droppedSpans", statistics.droppedSpans());
		viewer.put("maxTraces", statistics.limits().maxTraces());
		viewer.put("maxSpans", statistics.limits().maxSpans());
		viewer.put("maxSpansPerTrace", statistics.limits().maxSpansPerTrace());
		viewer.put("maxBytes", statistics.limits().maxBytes());
		return viewer;
	}

}
