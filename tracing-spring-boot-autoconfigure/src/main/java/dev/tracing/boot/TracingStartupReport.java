package dev.tracing.boot;

import java.util.ArrayList;
import java.util.List;

import dev.tracing.boot.export.OtlpSettings;
import dev.tracing.boot.pipeline.SamplerDescription;
import dev.tracing.boot.pipeline.TracingPipeline;
import io.opentelemetry.semconv.ServiceAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the effective tracing configuration once, at start-up, in words a developer reads at
 * a glance: which service, which traces are kept, where they go. Header values never
 * appear, only their names.
 */
final class TracingStartupReport implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(TracingStartupReport.class);

	private final ObjectProvider<TracingPipeline> pipeline;

	private volatile boolean reported;

	TracingStartupReport(ObjectProvider<TracingPipeline> pipeline) {
		this.pipeline = pipeline;
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
		TracingPipeline pipeline = this.pipeline.getIfAvailable();
		TracingPipeline.Assembly assembly = (pipeline != null) ? pipeline.assembly() : null;
		if (assembly == null) {
			return "Tracing is on, but the OpenTelemetry SDK is not built by the starter (the application defines "
					+ "its own OpenTelemetry bean)";
		}
		String service = (pipeline.resource() != null)
				? pipeline.resource().getAttribute(ServiceAttributes.SERVICE_NAME) : null;
		return "Tracing on: service " + service + "; sampling: " + SamplerDescription.of(assembly.sampler())
				+ "; export: " + export(assembly);
	}

	private static String export(TracingPipeline.Assembly assembly) {
		if (assembly.destinations().isEmpty()) {
			return "none (spans are not exported)";
		}
		List<String> destinations = new ArrayList<>();
		assembly.destinations().forEach((name, exporter) -> {
			OtlpSettings otlp = assembly.otlp();
			if (name.equals("otlp") && otlp != null) {
				destinations.add("OTLP " + otlp.protocol() + " to " + otlp.endpoint()
						+ (otlp.headerNames().isEmpty() ? "" : " with headers " + String.join(", ", otlp.headerNames()))
						+ (otlp.compression().equals("none") ? "" : ", " + otlp.compression()));
			}
			else {
				destinations.add(name.equals("logging") ? "the console" : exporter.toString());
			}
		});
		return String.join(" and ", destinations);
	}

}
