package dev.tracing.boot.export;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.pipeline.BatchQueueStatistics;
import dev.tracing.boot.pipeline.SpanExportStage;
import dev.tracing.boot.pipeline.TracingPipeline;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Export: the exporters that {@code tracing.exporter.type} or {@code OTEL_TRACES_EXPORTER}
 * name, with {@code tracing.exporter.*} and every {@code OTEL_EXPORTER_OTLP_*} setting
 * applied, as destinations of the pipeline; and the failure-reporting stage of the export
 * chain. An {@link OtlpHttpSpanExporter} or {@link OtlpGrpcSpanExporter} bean of the
 * application's replaces the configured OTLP exporter.
 */
@AutoConfiguration(before = TracingPipelineAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnClass(OtlpHttpSpanExporter.class)
@EnableConfigurationProperties({ ExporterProperties.class, BatchProperties.class })
public final class ExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConfiguredSpanExporters configuredSpanExporters(ExporterProperties properties, Environment environment,
			ObjectProvider<ConfigurableSpanExporterProvider> providers, ListableBeanFactory beanFactory) {
		boolean otlpBean = beanFactory.getBeanNamesForType(OtlpHttpSpanExporter.class, false, false).length > 0
				|| beanFactory.getBeanNamesForType(OtlpGrpcSpanExporter.class, false, false).length > 0;
		return new ConfiguredSpanExporters(environment, providers.orderedStream().toList(), properties.headers(),
				otlpBean);
	}

	@Bean
	@Order(SpanExportStage.FAILURE_REPORTING)
	@ConditionalOnMissingBean
	ExportFailureReporting exportFailureReporting(TracingPipeline pipeline, BatchQueueStatistics queueStatistics) {
		return new ExportFailureReporting(() -> destination(pipeline), queueStatistics,
				() -> "tracing.batch.max-queue-size=" + maxQueueSize(pipeline));
	}

	private static String destination(TracingPipeline pipeline) {
		TracingPipeline.Assembly assembly = pipeline.assembly();
		if (assembly == null) {
			return "the configured exporters";
		}
		return (assembly.otlp() != null) ? assembly.otlp().destination()
				: String.join(", ", assembly.destinations().keySet());
	}

	private static Object maxQueueSize(TracingPipeline pipeline) {
		TracingPipeline.Assembly assembly = pipeline.assembly();
		return (assembly != null && assembly.batch() != null) ? assembly.batch().maxQueueSize() : "?";
	}

}
