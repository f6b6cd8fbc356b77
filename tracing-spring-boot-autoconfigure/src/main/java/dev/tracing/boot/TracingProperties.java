package dev.tracing.boot;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Top-level tracing settings: the master switch and the resource that names this service
 * on every span.
 *
 * @param enabled Whether tracing is on. When false the application runs as if the starter
 * were absent: no spans, no exporter thread, no filters. OTEL_SDK_DISABLED=true has
 * the same effect.
 * @param serviceName The service.name resource attribute. Defaults to
 * OTEL_SERVICE_NAME, then to spring.application.name.
 * @param serviceVersion The service.version resource attribute. Defaults to the
 * version in META-INF/build-info.properties when the build writes one.
 * @param environment The deployment.environment.name resource attribute, for example
 * production or staging.
 * @param resourceAttributes Extra resource attributes added to every span, for example
 * k8s.cluster.name: prod.
 * @param kubernetes Kubernetes resource attributes, added when the service runs in a pod.
 * @param metrics OpenTelemetry metrics export. Off by default: this is a tracing starter.
 * @param logs OpenTelemetry log export. Off by default: this is a tracing starter.
 */
@ConfigurationProperties("tracing")
public record TracingProperties(@DefaultValue("true") boolean enabled, String serviceName, String serviceVersion,
		String environment, Map<String, String> resourceAttributes, @DefaultValue Kubernetes kubernetes,
		@DefaultValue Signal metrics, @DefaultValue Signal logs) {

	public TracingProperties {
		resourceAttributes = (resourceAttributes != null) ? Map.copyOf(resourceAttributes) : Map.of();
	}

	/**
	 * Kubernetes resource attributes. Applied only when {@code KUBERNETES_SERVICE_HOST} is set,
	 * that is, inside a pod; {@code k8s.pod.name} comes from {@code HOSTNAME}.
	 *
	 * @param namespace The k8s.namespace.name attribute. Defaults to the
	 * POD_NAMESPACE environment variable.
	 * @param clusterName The k8s.cluster.name attribute. Defaults to the
	 * K8S_CLUSTER_NAME environment variable.
	 */
	public record Kubernetes(String namespace, String clusterName) {
	}

	/**
	 * Export switch for a non-trace OpenTelemetry signal.
	 *
	 * @param enabled Whether to export this signal over OTLP. The standard
	 * OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER variables override this.
	 */
	public record Signal(@DefaultValue("false") boolean enabled) {
	}

}
