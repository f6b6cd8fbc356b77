package dev.tracing.boot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Logs the effective tracing configuration once, at start-up, with header values masked:
 * what a developer needs to tell at a glance where spans go and which are kept.
 */
final class TracingStartupReport implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(TracingStartupReport.class);

	private final ObjectProvider<ConfigProperties> config;

	private final ObjectProvider<AutoConfiguredOpenTelemetrySdk> sdk;

	private final Environment environment;

	private final Set<String> exporterHeaderNames;

	private volatile boolean reported;

	TracingStartupReport(ObjectProvider<ConfigProperties> config, ObjectProvider<AutoConfiguredOpenTelemetrySdk> sdk,
			Environment environment, Set<String> exporterHeaderNames) {
		this.config = config;
		this.sdk = sdk;
		this.environment = environment;
		this.exporterHeaderNames = exporterHeaderNames;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (this.reported || !logger.isInfoEnabled()) {
			return;
		}
		this.reported = true;
		logger.info(describe());
	}

	String describe() {
		ConfigProperties config = this.config.getIfAvailable();
		if (config == null) {
			return "Tracing is on, but the OpenTelemetry SDK is not managed by the starter";
		}
		Map<String, Object> effective = new java.util.LinkedHashMap<>();
		effective.put("service", serviceName(config));
		List<String> exporters = config.getList("otel.traces.exporter");
		effective.put("exporter", exporters.isEmpty() ? "otlp" : String.join(",", exporters));
		if (exporters.isEmpty() || exporters.contains("otlp")) {
			effective.put("endpoint", endpoint(config));
			effective.put("protocol", protocol(config));
			Map<String, String> headers = new TreeMap<>(config.getMap("otel.exporter.otlp.headers"));
			headers.putAll(config.getMap("otel.exporter.otlp.traces.headers"));
			this.exporterHeaderNames.forEach((name) -> headers.putIfAbsent(name, "x"));
			if (!headers.isEmpty()) {
				headers.replaceAll((name, value) -> "****");
				effective.put("headers", headers);
			}
			String compression = config.getString("otel.exporter.otlp.compression");
			if (compression != null && !"none".equals(compression.toLowerCase(Locale.ROOT))) {
				effective.put("compression", compression);
			}
		}
		effective.put("sampler", sampler());
		return "Tracing on: " + effective.toString().replaceAll("^\\{|\\}$", "");
	}

	private String serviceName(ConfigProperties config) {
		String name = config.getString("otel.service.name");
		if (name == null) {
			name = this.environment.getProperty("spring.application.name", "unknown_service:java");
		}
		return name;
	}

	private static String endpoint(ConfigProperties config) {
		String endpoint = config.getString("otel.exporter.otlp.traces.endpoint");
		if (endpoint == null) {
			endpoint = config.getString("otel.exporter.otlp.endpoint");
		}
		if (endpoint == null) {
			endpoint = "grpc".equals(protocol(config)) ? "http://localhost:4317" : "http://localhost:4318";
		}
		return endpoint;
	}

	private static String protocol(ConfigProperties config) {
		String protocol = config.getString("otel.exporter.otlp.traces.protocol");
		return (protocol != null) ? protocol : config.getString("otel.exporter.otlp.protocol");
	}

	private String sampler() {
		AutoConfiguredOpenTelemetrySdk sdk = this.sdk.getIfAvailable();
		return (sdk != null) ? sdk.getOpenTelemetrySdk().getSdkTracerProvider().getSampler().getDescription() : "?";
	}

}
