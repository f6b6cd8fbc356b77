package dev.tracing.boot.actuate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.tracing.boot.export.OtlpSettings;
import dev.tracing.boot.pipeline.SamplerDescription;
import dev.tracing.boot.pipeline.TracingPipeline;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.ServiceAttributes;

/**
 * The tracing configuration in force, read from the assembled {@link TracingPipeline} (the
 * same model the start-up line shows), with secrets masked: export header values,
 * passwords and query strings in endpoint URLs, and any value whose key looks like a secret.
 */
final class EffectiveConfiguration {

	static final String MASK = "******";

	private static final Pattern SECRET_KEY = Pattern
		.compile("(?i).*(password|passwd|secret|token|credential|api[-_.]?key|auth|private[-_.]?key).*");

	private final TracingPipeline.Assembly assembly;

	private final Resource resource;

	private final List<String> propagators;

	EffectiveConfiguration(TracingPipeline.Assembly assembly, Resource resource, List<String> propagators) {
		this.assembly = assembly;
		this.resource = resource;
		this.propagators = propagators;
	}

	Map<String, Object> describe() {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("serviceName", (this.resource != null)
				? this.resource.getAttribute(ServiceAttributes.SERVICE_NAME) : null);
		description.put("resource", (this.resource != null) ? resource(this.resource) : Map.of());
		description.put("exporters", List.copyOf(this.assembly.destinations().keySet()));
		OtlpSettings otlp = this.assembly.otlp();
		if (otlp != null) {
			description.put("otlp", otlp(otlp));
		}
		TracingPipeline.Batch batch = this.assembly.batch();
		if (batch != null) {
			Map<String, Object> batchDescription = new LinkedHashMap<>();
			batchDescription.put("scheduleDelay", batch.scheduleDelay().toString());
			batchDescription.put("maxQueueSize", batch.maxQueueSize());
			batchDescription.put("maxExportBatchSize", batch.maxExportBatchSize());
			batchDescription.put("exportTimeout", batch.exportTimeout().toString());
			description.put("batch", batchDescription);
		}
		Map<String, Object> sampling = new LinkedHashMap<>();
		sampling.put("description", SamplerDescription.of(this.assembly.sampler()));
		sampling.put("sampler", this.assembly.sampler().getDescription());
		description.put("sampling", sampling);
		description.put("spanProcessors", this.assembly.spanProcessors().stream().map(Object::toString).toList());
		description.put("exportStages", this.assembly.stages().stream().map(Object::toString).toList());
		description.put("propagators", this.propagators.isEmpty() ? List.of("tracecontext", "baggage") : this.propagators);
		return description;
	}

	private static Map<String, Object> resource(Resource resource) {
		Map<String, Object> attributes = new TreeMap<>();
		resource.getAttributes()
			.forEach((key, value) -> attributes.put(key.getKey(), maskIfSecret(key.getKey(), value)));
		return attributes;
	}

	private static Map<String, Object> otlp(OtlpSettings settings) {
		Map<String, Object> otlp = new LinkedHashMap<>();
		otlp.put("endpoint", maskUrl(settings.endpoint()));
		otlp.put("protocol", settings.protocol());
		Map<String, String> headers = new TreeMap<>();
		settings.headerNames().forEach((name) -> headers.put(name, MASK));
		otlp.put("headers", headers);
		otlp.put("compression", settings.compression());
		otlp.put("timeout", Duration.ofMillis(settings.timeoutMillis()).toString());
		return otlp;
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
