package dev.tracing.boot.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.tracing.boot.InvalidTracingPropertyException;
import dev.tracing.boot.TracingProperties;
import dev.tracing.boot.export.BatchProperties;
import dev.tracing.boot.export.ExporterProperties;
import dev.tracing.boot.jdbc.JdbcTracingProperties;
import dev.tracing.boot.messaging.MessagingTracingProperties;
import dev.tracing.boot.sampling.SamplingProperties;
import dev.tracing.boot.web.WebTracingProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.PropertyResolver;

/**
 * Translates the {@code tracing.*} properties into the {@code otel.*} settings that the
 * OpenTelemetry Spring Boot starter reads. The result is added to the environment with the
 * lowest precedence, so a standard {@code OTEL_*} variable or {@code otel.*} property set
 * anywhere wins over the {@code tracing.*} value it corresponds to.
 */
public final class EngineSettings {

	private final Binder binder;

	private final PropertyResolver environment;

	public EngineSettings(Binder binder, PropertyResolver environment) {
		this.binder = binder;
		this.environment = environment;
	}

	/**
	 * Returns the {@code otel.*} (and logging) properties that realise the bound
	 * {@code tracing.*} configuration. Binding validates every value, so an invalid
	 * property fails here, before the engine starts.
	 */
	public Map<String, Object> toOtelProperties() {
		TracingProperties tracing = bind("tracing", TracingProperties.class);
		ExporterProperties exporter = bind("tracing.exporter", ExporterProperties.class);
		BatchProperties batch = bind("tracing.batch", BatchProperties.class);
		SamplingProperties sampling = bind("tracing.sampling", SamplingProperties.class);
		WebTracingProperties web = bind("tracing.web", WebTracingProperties.class);
		rejectReplacedProperties();
		Map<String, Object> otel = new LinkedHashMap<>();
		if (!tracing.enabled()) {
			otel.put("otel.sdk.disabled", "true");
			return otel;
		}
		resource(tracing, otel);
		signals(tracing, otel);
		exporter(exporter, otel);
		quietExporterLogs(otel);
		batch(batch, otel);
		sampling(sampling, otel);
		capturedRequestHeaders(sampling, web, otel);
		webCapture(web, otel);
		messaging(bind("tracing.messaging", MessagingTracingProperties.class), otel);
		logCorrelation(otel);
		jdbc(bind("tracing.jdbc", JdbcTracingProperties.class), otel);
		return otel;
	}

	private void resource(TracingProperties tracing, Map<String, Object> otel) {
		putIfSet(otel, "otel.service.name", tracing.serviceName());
		tracing.resourceAttributes().forEach((key, value) -> otel.put(resourceAttribute(key), value));
		if (tracing.serviceVersion() != null) {
			otel.put(resourceAttribute("service.version"), tracing.serviceVersion());
		}
		if (tracing.environment() != null) {
			otel.put(resourceAttribute("deployment.environment.name"), tracing.environment());
		}
	}

	private static String resourceAttribute(String key) {
		return "otel.resource.attributes[" + key + "]";
	}

	private void signals(TracingProperties tracing, Map<String, Object> otel) {
		if (!tracing.metrics().enabled()) {
			otel.put("otel.metrics.exporter", "none");
			otel.put("otel.instrumentation.runtime-telemetry.enabled", "false");
		}
		if (!tracing.logs().enabled()) {
			otel.put("otel.logs.exporter", "none");
			otel.put("otel.instrumentation.logback-appender.enabled", "false");
			otel.put("otel.instrumentation.log4j-appender.enabled", "false");
		}
	}

	private void exporter(ExporterProperties exporter, Map<String, Object> otel) {
		Set<String> exporters = new LinkedHashSet<>();
		if (exporter.type() != ExporterProperties.Type.NONE) {
			exporters.add(exporter.type().otelName());
		}
		if (otlpEndpointConfigured(exporter)) {
			exporters.add(ExporterProperties.Type.OTLP.otelName());
		}
		otel.put("otel.traces.exporter", exporters.isEmpty() ? "none" : String.join(",", exporters));
		putIfSet(otel, "otel.exporter.otlp.endpoint", exporter.endpoint());
		if (exporter.protocol() != null && !this.environment.containsProperty("otel.exporter.otlp.protocol")) {
			// The engine answers the generic key with a hard-coded default, so only the
			// traces-specific key lets an unset protocol fall through to ours.
			otel.put("otel.exporter.otlp.traces.protocol", exporter.protocol().otelName());
		}
		otel.put("otel.exporter.otlp.timeout", Long.toString(exporter.timeout().toMillis()));
		otel.put("otel.exporter.otlp.compression", exporter.compression().name().toLowerCase());
	}

	private void quietExporterLogs(Map<String, Object> otel) {
		// The OTLP exporters log a stack trace for every failed batch; ExportFailureReporter
		// reports failures instead, once and then rate-limited.
		otel.put("logging.level.io.opentelemetry.exporter.otlp.internal.HttpExporter", "OFF");
		otel.put("logging.level.io.opentelemetry.exporter.otlp.internal.GrpcExporter", "OFF");
	}

	private boolean otlpEndpointConfigured(ExporterProperties exporter) {
		return exporter.endpoint() != null || this.environment.containsProperty("otel.exporter.otlp.endpoint")
				|| this.environment.containsProperty("otel.exporter.otlp.traces.endpoint");
	}

	private void batch(BatchProperties batch, Map<String, Object> otel) {
		otel.put("otel.bsp.max.queue.size", Integer.toString(batch.maxQueueSize()));
		otel.put("otel.bsp.max.export.batch.size", Integer.toString(batch.maxExportBatchSize()));
		otel.put("otel.bsp.schedule.delay", Long.toString(batch.scheduleDelay().toMillis()));
		otel.put("otel.bsp.export.timeout", Long.toString(batch.exportTimeout().toMillis()));
	}

	private void sampling(SamplingProperties sampling, Map<String, Object> otel) {
		otel.put("otel.traces.sampler", sampling.parentBased() ? "parentbased_traceidratio" : "traceidratio");
		otel.put("otel.traces.sampler.arg", Double.toString(sampling.ratio()));
	}

	private void capturedRequestHeaders(SamplingProperties sampling, WebTracingProperties web,
			Map<String, Object> otel) {
		// A sampler sees only the attributes present at span start: the headers that
		// sampling rules inspect must be captured by the server instrumentation.
		Set<String> headers = new LinkedHashSet<>();
		sampling.headerRules().forEach((rule) -> headers.add(rule.header().toLowerCase()));
		headers.addAll(web.captureRequestHeaders());
		if (!headers.isEmpty()) {
			otel.put("otel.instrumentation.http.server.capture-request-headers", String.join(",", headers));
		}
	}

	private void webCapture(WebTracingProperties web, Map<String, Object> otel) {
		putIfNotEmpty(otel, "otel.instrumentation.http.server.capture-response-headers", web.captureResponseHeaders());
		putIfNotEmpty(otel, "otel.instrumentation.http.client.capture-request-headers",
				web.client().captureRequestHeaders());
		putIfNotEmpty(otel, "otel.instrumentation.http.client.capture-response-headers",
				web.client().captureResponseHeaders());
	}

	private static void putIfNotEmpty(Map<String, Object> otel, String key, java.util.List<String> values) {
		if (!values.isEmpty()) {
			otel.put(key, String.join(",", values));
		}
	}

	private void messaging(MessagingTracingProperties messaging, Map<String, Object> otel) {
		if (messaging.enabled()) {
			// Spring AMQP propagates the trace context through message headers only while it
			// records observations; the Micrometer bridge turns those into spans.
			otel.put("spring.rabbitmq.template.observation-enabled", "true");
			otel.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
			otel.put("spring.rabbitmq.listener.direct.observation-enabled", "true");
			otel.put("spring.rabbitmq.listener.stream.observation-enabled", "true");
		}
	}

	private void logCorrelation(Map<String, Object> otel) {
		// The engine's Logback MDC appender adds the ids to every event logged while a span is
		// current; Spring Boot's console and file patterns print them through this pattern.
		boolean enabledByDefault = this.environment.getProperty("otel.instrumentation.common.default-enabled",
				Boolean.class, true);
		if (this.environment.getProperty("otel.instrumentation.logback-mdc.enabled", Boolean.class, enabledByDefault)) {
			String traceId = this.environment.getProperty("otel.instrumentation.common.logging.trace-id-key",
					"trace_id");
			String spanId = this.environment.getProperty("otel.instrumentation.common.logging.span-id-key",
					"span_id");
			otel.put("logging.pattern.correlation", "%correlationId{" + traceId + "(32)," + spanId + "(16)}");
		}
	}

	private void jdbc(JdbcTracingProperties jdbc, Map<String, Object> otel) {
		otel.put("otel.instrumentation.jdbc.experimental.capture-query-parameters",
				Boolean.toString(jdbc.captureParameters()));
		otel.put("otel.instrumentation.jdbc.experimental.sqlcommenter.enabled", Boolean.toString(jdbc.sqlCommenter()));
	}

	private void rejectReplacedProperties() {
		for (String property : WebTracingProperties.REPLACED_BY_SENSITIVE_KEYS) {
			this.binder.bind(property, Bindable.listOf(String.class)).ifBound((value) -> {
				throw new InvalidTracingPropertyException(property, String.join(",", value),
						"this property was replaced by tracing.redaction.sensitive-keys, one list of case-insensitive "
								+ "wildcard patterns for headers, query and form parameters, JSON fields and attributes",
						"remove it; the defaults of tracing.redaction.sensitive-keys already cover authorization, "
								+ "cookies, API keys, tokens and passwords, or list your own patterns there, such as "
								+ "*token*,x-internal-key");
			});
		}
	}

	private <T> T bind(String prefix, Class<T> type) {
		return this.binder.bindOrCreate(prefix, type);
	}

	private static void putIfSet(Map<String, Object> otel, String key, Object value) {
		if (value != null) {
			otel.put(key, value.toString());
		}
	}

}
