package dev.tracing.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider;
import io.opentelemetry.sdk.resources.Resource;

import org.springframework.core.env.PropertyResolver;

/**
 * Adds {@code k8s.pod.name}, {@code k8s.namespace.name} and {@code k8s.cluster.name} when
 * the service runs in a Kubernetes pod ({@code KUBERNETES_SERVICE_HOST} is set).
 */
public final class KubernetesResourceProvider implements ResourceProvider {

	static final AttributeKey<String> POD_NAME = AttributeKey.stringKey("k8s.pod.name");

	static final AttributeKey<String> NAMESPACE_NAME = AttributeKey.stringKey("k8s.namespace.name");

	static final AttributeKey<String> CLUSTER_NAME = AttributeKey.stringKey("k8s.cluster.name");

	private static final Path SERVICE_ACCOUNT_NAMESPACE = Path
		.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

	private final TracingProperties.Kubernetes properties;

	private final PropertyResolver environment;

	public KubernetesResourceProvider(TracingProperties.Kubernetes properties, PropertyResolver environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public Resource createResource(ConfigProperties config) {
		if (this.environment.getProperty("KUBERNETES_SERVICE_HOST") == null) {
			return Resource.empty();
		}
		AttributesBuilder attributes = Attributes.builder();
		putIfSet(attributes, POD_NAME, this.environment.getProperty("HOSTNAME"));
		putIfSet(attributes, NAMESPACE_NAME, first(this.properties.namespace(),
				this.environment.getProperty("POD_NAMESPACE"), serviceAccountNamespace()));
		putIfSet(attributes, CLUSTER_NAME,
				first(this.properties.clusterName(), this.environment.getProperty("K8S_CLUSTER_NAME")));
		return Resource.create(attributes.build());
	}

	private static String serviceAccountNamespace() {
		try {
			return Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)
					? Files.readString(SERVICE_ACCOUNT_NAMESPACE, StandardCharsets.UTF_8).trim() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String first(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate;
			}
		}
		return null;
	}

	private static void putIfSet(AttributesBuilder attributes, AttributeKey<String> key, String value) {
		if (value != null) {
			attributes.put(key, value);
		}
	}

}
