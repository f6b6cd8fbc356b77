package dev.tracing.sample.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tracing.boot.engine.EngineSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker does not run here, so the deployment files are checked by reading them: every
 * environment variable that the Dockerfile, docker-compose.yml and the Kubernetes manifests
 * give the order service must bind, by Spring's relaxed binding, to a property that the
 * application really has (its configuration metadata, ours, Spring Boot's or the OpenTelemetry
 * engine's), and its value must bind; the probes must call endpoints the service serves; the
 * collector must listen where the services export.
 */
class DeploymentFilesTests {

	private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

	/** Read by the JVM itself, not by the application. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private static final Pattern KUBERNETES_REFERENCE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

	private static Set<String> scalarProperties;

	private static Set<String> mapProperties;

	@BeforeAll
	static void loadConfigurationMetadata() throws IOException {
		scalarProperties = new HashSet<>();
		mapProperties = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<Resource> metadata = new ArrayList<>();
		metadata.addAll(List.of(resolver.getResources("classpath*:META-INF/spring-configuration-metadata.json")));
		metadata.addAll(List.of(resolver.getResources("classpath*:META-INF/additional-spring-configuration-metadata.json")));
		for (Resource resource : metadata) {
			try (InputStream in = resource.getInputStream()) {
				JsonNode properties = json.readTree(in).get("properties");
				if (properties == null) {
					continue;
				}
				for (JsonNode property : properties) {
					String name = property.get("name").asString();
					String type = property.has("type") ? property.get("type").asString() : "";
					(type.startsWith("java.util.Map") ? mapProperties : scalarProperties).add(name);
				}
			}
		}
		assertThat(scalarProperties).as("metadata of ours, the sample's, Spring Boot's and the engine's")
			.contains("tracing.sampling.ratio", "order-service.processing.consume", "spring.datasource.url",
					"otel.exporter.otlp.endpoint");
	}

	@TestFactory
	Stream<DynamicTest> everyEnvironmentVariableBindsToARealProperty() {
		return containers().stream()
			.flatMap((container) -> container.environment()
				.keySet()
				.stream()
				.map((name) -> DynamicTest.dynamicTest(container.name() + ": " + name,
						() -> assertBindsToAKnownProperty(container, name))));
	}

	@TestFactory
	Stream<DynamicTest> everyContainerEnvironmentHasValidValues() {
		return containers().stream().map((container) -> DynamicTest.dynamicTest(container.name(), () -> {
			Binder binder = binderFor(container);
			// Binding validates every tracing.* value, as start-up would.
			EngineSettings.of(binder, new StandardEnvironment());
			binder.bindOrCreate("order-service", OrderServiceProperties.class);
			String profiles = container.environment().get("SPRING_PROFILES_ACTIVE");
			assertThat(profiles).as("%s sets SPRING_PROFILES_ACTIVE", container.name()).isNotNull();
			for (String profile : profiles.split(",")) {
				assertThat(new ClassPathResource("application-" + profile.trim() + ".yml").exists())
					.as("%s: profile '%s' has an application-%s.yml", container.name(), profile, profile)
					.isTrue();
			}
		}));
	}

	@Test
	void dockerfileBuildsANonRootImageProbingTheLivenessEndpoint() throws IOException {
		String dockerfile = Files.readString(MODULE.resolve("Dockerfile"));
		assertThat(dockerfile).containsPattern("(?m)^FROM .+ AS build$");
		assertThat(Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile).results().map((m) -> m.group(1)))
			.containsExactly("app");
		assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + serverPort() + "$");
		Matcher healthCheck = Pattern.compile("curl -fsS http://localhost:(\\d+)(\\S+)").matcher(dockerfile);
		assertThat(healthCheck.find()).as("HEALTHCHECK with curl").isTrue();
		assertThat(Integer.parseInt(healthCheck.group(1))).isEqualTo(serverPort());
		assertThat(healthCheck.group(2)).isEqualTo("/health");
		assertThat(healthEndpoints()).contains(healthCheck.group(2));
		for (String module : Pattern.compile("(?m)^COPY (?!--)(\\S+) ").matcher(dockerfile).results()
			.map((m) -> m.group(1))
			.toList()) {
			assertThat(Files.exists(MODULE.resolve("..").resolve(module))).as("COPY source %s", module).isTrue();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeWiresTheServicesTheApplicationTalksTo() throws IOException {
		Map<String, Object> compose = yaml(MODULE.resolve("docker-compose.yml")).get(0);
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("order-service", "order-worker", "postgres", "redis", "rabbitmq",
				"otel-collector");
		for (Container container : containers()) {
			if (!container.name().startsWith("docker-compose.yml")) {
				continue;
			}
			Map<String, String> environment = container.environment();
			assertThat(services).containsKey(URI.create(environment.get("OTEL_EXPORTER_OTLP_ENDPOINT")).getHost());
			assertThat(services).containsKey(environment.get("SPRING_DATA_REDIS_HOST"));
			assertThat(services).containsKey(environment.get("SPRING_RABBITMQ_HOST"));
			assertThat(environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
		}
		Map<String, Object> worker = (Map<String, Object>) services.get("order-worker");
		assertThat(URI.create(((Map<String, String>) worker.get("environment")).get("ORDER_SERVICE_PAYMENT_GATEWAY_URL"))
			.getHost()).isEqualTo("order-service");

		Map<String, Object> collector = (Map<String, Object>) services.get("otel-collector");
		String volume = ((List<String>) collector.get("volumes")).get(0);
		Path config = MODULE.resolve(volume.substring(0, volume.indexOf(':')));
		assertThat(config).exists();
		Map<String, Object> collectorConfig = yaml(config).get(0);
		Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) collectorConfig
			.get("receivers")).get("otlp")).get("protocols")).get("http");
		assertThat((String) http.get("endpoint")).endsWith(":4318");
		Map<String, Object> pipeline = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) collectorConfig
			.get("service")).get("pipelines")).get("traces");
		assertThat((List<String>) pipeline.get("receivers")).containsExactly("otlp");
		assertThat(((Map<String, Object>) collectorConfig.get("exporters")).keySet())
			.containsAll((List<String>) pipeline.get("exporters"));
		assertThat(((Map<String, Object>) collectorConfig.get("processors")).keySet())
			.containsAll((List<String>) pipeline.get("processors"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void kubernetesProbesCallTheHealthEndpointsOnTheServicePort() throws IOException {
		Map<String, Object> deployment = kubernetes("Deployment", "order-service");
		Map<String, Object> container = containersOf(deployment).get(0);
		Map<String, Object> port = ((List<Map<String, Object>>) container.get("ports")).get(0);
		assertThat(port).containsEntry("containerPort", serverPort()).containsEntry("name", "http");
		Map<String, Object> liveness = (Map<String, Object>) ((Map<String, Object>) container.get("livenessProbe"))
			.get("httpGet");
		Map<String, Object> readiness = (Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe"))
			.get("httpGet");
		assertThat(liveness).containsEntry("path", "/health").containsEntry("port", "http");
		assertThat(readiness).containsEntry("path", "/health/ready").containsEntry("port", "http");
		assertThat(healthEndpoints()).contains("/health", "/health/ready");

		Map<String, Object> service = kubernetes("Service", "order-service");
		Map<String, Object> spec = (Map<String, Object>) service.get("spec");
		assertThat(((List<Map<String, Object>>) spec.get("ports")).get(0)).containsEntry("targetPort", "http");
		assertThat((Map<String, Object>) spec.get("selector")).isEqualTo(
				((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("selector")).get("matchLabels"));

		Map<String, String> worker = environmentOf(containersOf(kubernetes("Deployment", "order-worker")).get(0));
		assertThat(URI.create(worker.get("ORDER_SERVICE_PAYMENT_GATEWAY_URL")).getHost())
			.isEqualTo(((Map<String, Object>) service.get("metadata")).get("name"));
	}

	private void assertBindsToAKnownProperty(Container container, String name) {
		if (JVM_VARIABLES.contains(name)) {
			return;
		}
		if (container.referencedVariables().contains(name)) {
			assertThat(container.secretVariables()).as("%s is only referenced by other variables", name)
				.contains(name);
			return;
		}
		SystemEnvironmentPropertySource variable = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of(name, container.environment().get(name)));
		ConfigurationPropertySource source = ConfigurationPropertySources.from(variable).iterator().next();
		List<String> bound = new ArrayList<>();
		for (String property : scalarProperties) {
			ConfigurationPropertyName candidate = ConfigurationPropertyName.ofIfValid(property);
			if (candidate != null && source.getConfigurationProperty(candidate) != null) {
				bound.add(property);
			}
		}
		for (String property : mapProperties) {
			ConfigurationPropertyName candidate = ConfigurationPropertyName.ofIfValid(property);
			if (candidate != null && bindsMapEntries(source, candidate)) {
				bound.add(property + ".*");
			}
		}
		assertThat(bound).as("%s in %s binds to none of the application's properties", name, container.name())
			.isNotEmpty();
	}

	private static boolean bindsMapEntries(ConfigurationPropertySource source, ConfigurationPropertyName map) {
		try {
			return new Binder(source).bind(map, Bindable.mapOf(String.class, String.class))
				.map((entries) -> !entries.isEmpty())
				.orElse(false);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Binder binderFor(Container container) {
		Map<String, Object> variables = new LinkedHashMap<>();
		container.environment().forEach((name, value) -> variables.put(name,
				container.secretVariables().contains(name) ? "secret-from-" + name : value));
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						variables));
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		return Binder.get(environment);
	}

	/** One container of the service: its environment and which variables hold secrets. */
	record Container(String name, Map<String, String> environment, Set<String> secretVariables) {

		Set<String> referencedVariables() {
			Set<String> referenced = new HashSet<>();
			this.environment.values()
				.forEach((value) -> KUBERNETES_REFERENCE.matcher(value).results().forEach((m) -> referenced.add(m.group(1))));
			return referenced;
		}

	}

	@SuppressWarnings("unchecked")
	private static List<Container> containers() {
		try {
			List<Container> containers = new ArrayList<>();
			Map<String, String> image = new LinkedHashMap<>();
			Matcher env = Pattern.compile("(?m)^ENV (\\S+?)=(\"[^\"]*\"|\\S+)$")
				.matcher(Files.readString(MODULE.resolve("Dockerfile")));
			while (env.find()) {
				image.put(env.group(1), env.group(2).replace("\"", ""));
			}
			containers.add(new Container("Dockerfile", image, Set.of()));
			Map<String, Object> services = (Map<String, Object>) yaml(MODULE.resolve("docker-compose.yml")).get(0)
				.get("services");
			services.forEach((name, definition) -> {
				Map<String, Object> service = (Map<String, Object>) definition;
				if (service.containsKey("build") || "order-service:latest".equals(service.get("image"))) {
					Map<String, String> environment = new LinkedHashMap<>();
					((Map<String, Object>) service.get("environment"))
						.forEach((key, value) -> environment.put(key, String.valueOf(value)));
					containers.add(new Container("docker-compose.yml " + name, environment, Set.of()));
				}
			});
			try (Stream<Path> manifests = Files.list(MODULE.resolve("k8s"))) {
				for (Path manifest : manifests.sorted().toList()) {
					for (Map<String, Object> document : yaml(manifest)) {
						if ("Deployment".equals(document.get("kind"))) {
							for (Map<String, Object> container : containersOf(document)) {
								containers.add(new Container("k8s/" + manifest.getFileName() + " " + container.get("name"),
										environmentOf(container), secretsOf(container)));
							}
						}
					}
				}
			}
			assertThat(containers).hasSizeGreaterThanOrEqualTo(5);
			return containers;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> containersOf(Map<String, Object> deployment) {
		Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
		return (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environmentOf(Map<String, Object> container) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
			Object value = variable.containsKey("value") ? variable.get("value") : "from " + variable.get("valueFrom");
			environment.put((String) variable.get("name"), String.valueOf(value));
		}
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Set<String> secretsOf(Map<String, Object> container) {
		Set<String> secrets = new HashSet<>();
		for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
			Map<String, Object> from = (Map<String, Object>) variable.get("valueFrom");
			if (from != null && from.containsKey("secretKeyRef")) {
				secrets.add((String) variable.get("name"));
			}
		}
		return secrets;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> kubernetes(String kind, String name) throws IOException {
		try (Stream<Path> manifests = Files.list(MODULE.resolve("k8s"))) {
			for (Path manifest : manifests.toList()) {
				for (Map<String, Object> document : yaml(manifest)) {
					if (kind.equals(document.get("kind"))
							&& name.equals(((Map<String, Object>) document.get("metadata")).get("name"))) {
						return document;
					}
				}
			}
		}
		throw new AssertionError("No " + kind + " named " + name + " in k8s/");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> yaml(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : new Yaml().loadAll(reader)) {
				if (document != null) {
					documents.add((Map<String, Object>) document);
				}
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	private static int serverPort() {
		try (InputStream in = new ClassPathResource("application.yml").getInputStream()) {
			Map<String, Object> application = (Map<String, Object>) new Yaml().load(in);
			return (Integer) ((Map<String, Object>) application.get("server")).get("port");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The paths the health controller serves, read from its mappings. */
	private static Set<String> healthEndpoints() {
		try {
			Class<?> controller = Class.forName("dev.tracing.sample.order.health.HealthController");
			String base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class).path()[0];
			Set<String> paths = new HashSet<>();
			for (Method method : controller.getDeclaredMethods()) {
				GetMapping get = AnnotatedElementUtils.findMergedAnnotation(method, GetMapping.class);
				if (get != null) {
					paths.add(base + ((get.path().length > 0) ? get.path()[0] : ""));
				}
			}
			return paths;
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
