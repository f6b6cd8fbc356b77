package dev.tracing.boot.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.export.ConfiguredSpanExporters;
import dev.tracing.boot.redaction.ResourceRedactor;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The tracing pipeline, assembled here and nowhere else, and handed to the OpenTelemetry
 * engine through its public customizer SPI. In the order a span meets it:
 * <ol>
 * <li><b>Sampling</b>: the {@link RuleBasedSampler}. A span with a local parent follows it;
 * otherwise the {@link SamplingRule} beans decide, in order: the viewer's own requests
 * ({@value SamplingRule#VIEWER_REQUESTS}, never traced), {@code tracing.web.excluded-urls}
 * ({@value SamplingRule#EXCLUDED_URLS}, never), statements before the application is ready
 * ({@value SamplingRule#STARTUP_STATEMENTS}, never), {@code tracing.sampling.header-rules}
 * ({@value SamplingRule#HEADER_RULES}, always), your rules; then the ratio
 * ({@code tracing.sampling.ratio} or {@code OTEL_TRACES_SAMPLER}).</li>
 * <li><b>Span processors</b>: the {@link SpanProcessor} beans, in order, on the threads that
 * start and end spans.</li>
 * <li><b>Batching</b>: a {@link BatchSpanProcessor} with a bounded queue
 * ({@code tracing.batch.*}); a full queue drops spans rather than slowing requests.</li>
 * <li><b>Export chain</b>, on the batch processor's thread: the {@link SpanExportStage}
 * beans in order: enrichment ({@value SpanExportStage#ENRICHMENT}), masking
 * ({@value SpanExportStage#MASKING}), failure reporting
 * ({@value SpanExportStage#FAILURE_REPORTING}), counting ({@value SpanExportStage#COUNTING}),
 * yours.</li>
 * <li><b>Destinations</b>: the exporters that {@code tracing.exporter.type} or
 * {@code OTEL_TRACES_EXPORTER} name (OTLP, logging), and every {@link SpanExporter} bean
 * (the viewer's store among them).</li>
 * </ol>
 * The resource is masked once, by the {@link ResourceRedactor}. Replace a piece by
 * declaring a bean of its type: a {@link Sampler} bean replaces the whole root sampler, a
 * bean of a built-in rule's or stage's class replaces that rule or stage, and an OTLP
 * exporter bean replaces the configured OTLP exporter.
 */
@AutoConfiguration(before = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
public final class TracingPipelineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Sampler.class)
	RuleBasedSampler ruleBasedSampler(ObjectProvider<SamplingRule> rules) {
		return new RuleBasedSampler(rules.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	BatchQueueStatistics batchQueueStatistics() {
		return new BatchQueueStatistics();
	}

	@Bean
	@ConditionalOnMissingBean
	TracingPipeline tracingPipeline() {
		return new TracingPipeline();
	}

	@Bean
	AutoConfigurationCustomizerProvider tracingPipelineCustomizer(ObjectProvider<Sampler> sampler,
			ObjectProvider<SpanProcessor> spanProcessors, ObjectProvider<SpanExportStage> stages,
			ObjectProvider<ConfiguredSpanExporters> configuredExporters, ListableBeanFactory beanFactory,
			ObjectProvider<ResourceRedactor> resourceRedactor, BatchQueueStatistics queueStatistics,
			TracingPipeline pipeline) {
		return new PipelineCustomizer(sampler, spanProcessors, stages, configuredExporters, beanFactory,
				resourceRedactor, queueStatistics, pipeline);
	}

	/** Hands the pipeline to the engine's SDK builder. */
	private static final class PipelineCustomizer implements AutoConfigurationCustomizerProvider {

		private final ObjectProvider<Sampler> sampler;

		private final ObjectProvider<SpanProcessor> spanProcessors;

		private final ObjectProvider<SpanExportStage> stages;

		private final ObjectProvider<ConfiguredSpanExporters> configuredExporters;

		private final ListableBeanFactory beanFactory;

		private final ObjectProvider<ResourceRedactor> resourceRedactor;

		private final BatchQueueStatistics queueStatistics;

		private final TracingPipeline pipeline;

		private Sampler rootSampler;

		PipelineCustomizer(ObjectProvider<Sampler> sampler, ObjectProvider<SpanProcessor> spanProcessors,
				ObjectProvider<SpanExportStage> stages, ObjectProvider<ConfiguredSpanExporters> configuredExporters,
				ListableBeanFactory beanFactory, ObjectProvider<ResourceRedactor> resourceRedactor,
				BatchQueueStatistics queueStatistics, TracingPipeline pipeline) {
			this.sampler = sampler;
			this.spanProcessors = spanProcessors;
			this.stages = stages;
			this.configuredExporters = configuredExporters;
			this.beanFactory = beanFactory;
			this.resourceRedactor = resourceRedactor;
			this.queueStatistics = queueStatistics;
			this.pipeline = pipeline;
		}

		@Override
		public void customize(AutoConfigurationCustomizer customizer) {
			customizer.addResourceCustomizer((resource, config) -> {
				ResourceRedactor redactor = this.resourceRedactor.getIfAvailable();
				Resource exported = (redactor != null) ? redactor.redact(resource) : resource;
				this.pipeline.resource(exported);
				return exported;
			});
			customizer.addSamplerCustomizer(this::rootSampler);
			customizer.addTracerProviderCustomizer(this::addProcessors);
		}

		private Sampler rootSampler(Sampler configured, ConfigProperties config) {
			Sampler root = this.sampler.getIfUnique();
			if (root instanceof RuleBasedSampler rules) {
				rules.fallBackTo(configured);
			}
			this.rootSampler = (root != null) ? root : configured;
			return this.rootSampler;
		}

		private SdkTracerProviderBuilder addProcessors(SdkTracerProviderBuilder builder, ConfigProperties config) {
			builder.setIdGenerator(new RootTraceIds());
			List<SpanProcessor> processors = this.spanProcessors.orderedStream().toList();
			processors.forEach(builder::addSpanProcessor);
			List<SpanExportStage> stages = this.stages.orderedStream().toList();
			Map<String, SpanExporter> destinations = destinations(config);
			TracingPipeline.Batch batch = null;
			if (!destinations.isEmpty()) {
				batch = batch(config);
				builder.addSpanProcessor(batchProcessor(chain(stages, destinations), batch));
			}
			ConfiguredSpanExporters configured = this.configuredExporters.getIfAvailable();
			this.pipeline.assembled(new TracingPipeline.Assembly(this.rootSampler, processors, batch, stages,
					Collections.unmodifiableMap(destinations), (configured != null) ? configured.otlp(config) : null));
			return builder;
		}

		private Map<String, SpanExporter> destinations(ConfigProperties config) {
			Map<String, SpanExporter> destinations = new LinkedHashMap<>();
			ConfiguredSpanExporters configured = this.configuredExporters.getIfAvailable();
			if (configured != null) {
				destinations.putAll(configured.create(config));
			}
			for (String name : this.beanFactory.getBeanNamesForType(SpanExporter.class, false, false)) {
				destinations.put(name, this.beanFactory.getBean(name, SpanExporter.class));
			}
			return destinations;
		}

		private static SpanExporter chain(List<SpanExportStage> stages, Map<String, SpanExporter> destinations) {
			SpanExporter chain = (destinations.size() == 1) ? destinations.values().iterator().next()
					: SpanExporter.composite(new ArrayList<>(destinations.values()));
			for (int i = stages.size() - 1; i >= 0; i--) {
				chain = stages.get(i).around(chain);
			}
			return chain;
		}

		private static TracingPipeline.Batch batch(ConfigProperties config) {
			return new TracingPipeline.Batch(config.getInt("otel.bsp.max.queue.size", 2048),
					config.getInt("otel.bsp.max.export.batch.size", 512),
					config.getDuration("otel.bsp.schedule.delay", Duration.ofSeconds(5)),
					config.getDuration("otel.bsp.export.timeout", Duration.ofSeconds(30)));
		}

		private BatchSpanProcessor batchProcessor(SpanExporter chain, TracingPipeline.Batch batch) {
			return BatchSpanProcessor.builder(chain)
				.setMaxQueueSize(batch.maxQueueSize())
				.setMaxExportBatchSize(batch.maxExportBatchSize())
				.setScheduleDelay(batch.scheduleDelay())
				.setExporterTimeout(batch.exportTimeout())
				.setMeterProvider(this.queueStatistics::meterProvider)
				.build();
		}

		@Override
		public int order() {
			// After the engine's own customizers, so that its resource and sampler are what ours start from.
			return 1000;
		}

	}

}
