package dev.tracing.boot;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesResourceProviderTests {

	@Test
	void addsNothingOutsideAPod() {
		MockEnvironment environment = new MockEnvironment().withProperty("HOSTNAME", "laptop");
		assertThat(resource(new TracingProperties.Kubernetes(null, null), environment)).isEqualTo(Resource.empty());
	}

	@Test
	void readsPodNamespaceAndClusterFromTheEnvironment() {
		MockEnvironment environment = new MockEnvironment().withProperty("KUBERNETES_SERVICE_HOST", "10.0.0.1")
			.withProperty("HOSTNAME", "order-service-7d9c-x2x4q")
			.withProperty("POD_NAMESPACE", "shop")
			.withProperty("K8S_CLUSTER_NAME", "prod-eu");
		Resource resource = resource(new TracingProperties.Kubernetes(null, null), environment);
		assertThat(resource.getAttribute(KubernetesResourceProvider.POD_NAME)).isEqualTo("order-service-7d9c-x2x4q");
		assertThat(resource.getAttribute(KubernetesResourceProvider.NAMESPACE_NAME)).isEqualTo("shop");
		assertThat(resource.getAttribute(KubernetesResourceProvider.CLUSTER_NAME)).isEqualTo("prod-eu");
	}

	@Test
	void propertiesWinOverVariables() {
		MockEnvironment environment = new MockEnvironment().withProperty("KUBERNETES_SERVICE_HOST", "10.0.0.1")
			.withProperty("POD_NAMESPACE", "shop")
			.withProperty("K8S_CLUSTER_NAME", "prod-eu");
		Resource resource = resource(new TracingProperties.Kubernetes("payments", "prod-us"), environment);
		assertThat(resource.getAttribute(KubernetesResourceProvider.NAMESPACE_NAME)).isEqualTo("payments");
		assertThat(resource.getAttribute(KubernetesResourceProvider.CLUSTER_NAME)).isEqualTo("prod-us");
	}

	private static Resource resource(TracingProperties.Kubernetes properties, MockEnvironment environment) {
		return new KubernetesResourceProvider(properties, environment)
			.createResource(DefaultConfigProperties.createFromMap(Map.of()));
	}

}
