package dev.tracing.boot.actuate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The tracing configuration in force, as the SDK resolved it from {@code tracing.*},
 * {@code otel.*} and {@code OTEL_*}, with secrets masked: export header values, passwords
 * and query strings in endpoint URLs, and any value whose key looks like a secret.
 */
final class EffectiveConfiguration {

	static final String MASK = "******";

	private static final Pattern SECRET_KEY = Pattern
		.compile("(?i).*(password|passwd|secret|token|credential|api[-_.]?key|auth|private[-_.]?key).*");

	/** Resource attributes that repeat the command line, where secrets are often passed. */
	private static final Set<String> COMMAND_LINE = Set.of("process.command_args", "process.command_line",
			"process.command");

	private final ConfigProperties config;

	private final Environment environment;

	EffectiveConfiguration(ConfigProperties config, Environment environment) {
		this.config = config;
		this.environment = environment;
	}

	Map<String, Object> describe(String sampler, Resource resource) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("serviceName", serviceName());
		description.put("resource", (resource != null) ? resource(resource) : configuredResource());
		List<String> exporters = this.config.getList("otel.traces.exporter");
		description.put("exporters", exporters.isEmpty() ? List.of("otlp") : exporters);
		if (exporters.isEmpty() || exporters.contains("otlp")) {
			description.put("otlp", otlp());
		}
		Map<String, Object> batch = new LinkedHashMap<>();
		batch.put("scheduleDelay", this.config.getString("otel.bsp.schedule.delay"));
		batch.put("maxQueueSize", this.config.getString("otel.bsp.max.queue.size"));
		batch.put("maxExportBatchSize", this.config.getString("otel.bsp.max.export.batch.size"));
		batch.put("exportTimeout", this.config.getString("otel.bsp.export.timeout"));
		description.put("batch", batch);
		Map<String, Object> sampling = new LinkedHashMap<>();
		sampling.put("sampler", sampler);
		sampling.put("otelSampler", this.config.getString("otel.traces.sampler"));
		sampling.put("otelSamplerArgument", this.config.getString("otel.traces.sampler.arg"));
		description.put("sampling", sampling);
		List<String> propagators = this.config.getList("otel.propagators");
		description.put("propagators", propagators.isEmpty() ? List.of("tracecontext", "baggage") : propagators);
		return description;
	}

	private String serviceName() {
		String name = this.config.getString("otel.service.name");
		return (name != null) ? name : this.environment.getProperty("spring.application.name", "unknown_service:java");
	}

	private Map<String, Object> resource(Resource resource) {
		Map<String, Object> attributes = new TreeMap<>();
		resource.getAttributes().forEach((key, value) -> {
			if (!COMMAND_LINE.contains(key.getKey())) {
				attributes.put(key.getKey(), maskIfSecret(key.getKey(), value));
			}
		});
		return attributes;
	}

	private Map<String, Object> configuredResource() {
		Map<String, Object> attributes = new TreeMap<>();
		this.config.getMap("otel.resource.attributes")
			.forEach((key, value) -> attributes.put(key, maskIfSecret(key, value)));
		return attributes;
	}

	private Map<String, Object> otlp() {
		Map<String, Object> otlp = new LinkedHashMap<>();
		String protocol = first("otel.exporter.otlp.traces.protocol", "otel.exporter.otlp.protocol");
		protocol = (protocol != null) ? protocol : "http/protobuf";
		otlp.put("endpoint", maskUrl(endpoint(protocol)));
		otlp.put("protocol", protocol);
		Map<String, String> headers = new TreeMap<>();
		this.config.getMap("otel.exporter.otlp.headers").keySet().forEach((name) -> headers.put(name, MASK));
		this.config.getMap("otel.exporter.otlp.traces.headers").keySet().forEach((name) -> headers.put(name, MASK));
		Binder.get(this.environment)
			.bind("tracing.exporter.headers", Bindable.mapOf(String.class, String.class))
			.ifBound((configured) -> configured.keySet().forEach((name) -> headers.put(name, MASK)));
		otlp.put("headers", headers);
		String compression = first("otel.exporter.otlp.traces.compression", "otel.exporter.otlp.compression");
		otlp.put("compression", (compression != null) ? compression : "none");
		String timeout = first("otel.exporter.otlp.traces.timeout", "otel.exporter.otlp.timeout");
		otlp.put("timeout", (timeout != null) ? timeout : "10000");
		return otlp;
	}

	private String endpoint(String protocol) {
		String endpoint = this.config.getString("otel.exporter.otlp.traces.endpoint");
		if (endpoint != null) {
			return endpoint;
		}
		String base = this.config.getString("otel.exporter.otlp.endpoint");
		if (base == null) {
			base = "grpc".equals(protocol) ? "http://localhost:4317" : "http://localhost:4318";
		}
		if (!"grpc".equals(protocol)) {
			base = (base.endsWith("/") ? base : base + "/") + "v1/traces";
		}
		return base;
	}

	private String first(String... keys) {
		for (String key : keys) {
			String value = this.config.getString(key);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	static Object maskIfSecret(String key, Object value) {
		return SECRET_KEY.matcher(key).matches() ? MASK : value;
	}

	/** The URL with any user information and query values masked. */
	static String maskUrl(String url) {
		try {
			URI uri = new URI(url);
			String userInfo = uri.getRawUserInfo();
			String query = uri.getRawQuery();
			if (userInfo == null && query == null) {
				return url;
			}
			StringBuilder masked = new StringBuilder();
			masked.append(uri.getScheme()).append("://");
			if (userInfo != null) {
				int colon = userInfo.indexOf(':');
				masked.append((colon >= 0) ? userInfo.substring(0, colon) + ":" + MASK : MASK).append('@');
			}
			masked.append(uri.getRawAuthority().substring((userInfo != null) ? userInfo.length() + 1 : 0));
			masked.append((uri.getRawPath() != null) ? uri.getRawPath() : "");
			if (query != null) {
				masked.append('?');
				String[] parameters = query.split("&");
				for (int i = 0; i < parameters.length; i++) {
					int equals = parameters[i].indexOf('=');
					masked.append((i > 0) ? "&" : "")
						.append((equals >= 0) ? parameters[i].substring(0, equals + 1) + MASK : parameters[i]);
				}
			}
			return masked.toString();
		}
		catch (URISyntaxException | RuntimeException ex) {
			return MASK;
		}
	}

}
