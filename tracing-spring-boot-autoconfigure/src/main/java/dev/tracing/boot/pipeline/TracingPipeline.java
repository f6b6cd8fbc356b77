package dev.tracing.boot.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.export.OtlpSettings;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The pipeline as it was assembled when the engine built the SDK: the one model of the
 * effective tracing configuration that the start-up line and the actuator endpoint show.
 * Empty until the SDK is built, and for good when the application supplies its own
 * {@code OpenTelemetry}.
 */
public final class TracingPipeline {

	private volatile Assembly assembly;

	private volatile Resource resource;

	void assembled(Assembly assembly) {
		this.assembly = assembly;
	}

	void resource(Resource resource) {
		this.resource = resource;
	}

	/** The resource every span carries, as exported (masked), or {@code null} before the SDK is built. */
	public Resource resource() {
		return this.resource;
	}

	/** The assembled pipeline, or {@code null} when the engine has not built it. */
	public Assembly assembly() {
		return this.assembly;
	}

	/**
	 * @param sampler the root sampler
	 * @param spanProcessors the processors that run when spans start and end, before the
	 * batch processor
	 * @param batch the batch processor's settings, or {@code null} when nothing is exported
	 * @param stages the export chain's stages, in order
	 * @param destinations the exporters at the end of the chain, by name (the configured
	 * exporter names, such as {@code otlp}, or the bean names)
	 * @param otlp where the OTLP exporter sends spans, or {@code null} when there is none
	 */
	public record Assembly(Sampler sampler, List<SpanProcessor> spanProcessors, Batch batch,
			List<SpanExportStage> stages, Map<String, SpanExporter> destinations, OtlpSettings otlp) {
	}

	/**
	 * @param maxQueueSize the most spans waiting for export
	 * @param maxExportBatchSize the most spans in one export
	 * @param scheduleDelay the longest a span waits for its batch
	 * @param exportTimeout the longest one export may take
	 */
	public record Batch(int maxQueueSize, int maxExportBatchSize, Duration scheduleDelay, Duration exportTimeout) {
	}

}
