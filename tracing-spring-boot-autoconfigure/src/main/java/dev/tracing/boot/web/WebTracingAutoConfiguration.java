package dev.tracing.boot.web;

import java.util.ArrayList;
import java.util.List;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.redaction.SensitiveKeys;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Incoming HTTP requests, on top of the server spans that the engine's Spring MVC filter
 * makes: URL exclusion, header redaction (on client spans too), handled exceptions, hooks
 * and body capture.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(WebTracingProperties.class)
public final class WebTracingAutoConfiguration {

	/** Position among the SDK customizers: last, so exclusion wins over every other rule. */
	static final int EXCLUSION_ORDER = 200;

	@Bean
	@ConditionalOnMissingBean
	ExcludedUrls excludedUrls(WebTracingProperties properties) {
		return new ExcludedUrls(properties.excludedUrls());
	}

	@Bean
	@ConditionalOnMissingBean(name = "excludedUrlSamplerCustomizer")
	AutoConfigurationCustomizerProvider excludedUrlSamplerCustomizer(ExcludedUrls excludedUrls) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				if (!excludedUrls.isEmpty()) {
					customizer.addSamplerCustomizer(
							(configured, config) -> new ExcludedUrlSampler(excludedUrls, configured));
				}
			}

			@Override
			public int order() {
				return EXCLUSION_ORDER;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "headerRedactionCustomizer")
	AutoConfigurationCustomizerProvider headerRedactionCustomizer(ObjectProvider<SensitiveKeys> sensitiveKeys) {
		// The captured headers are read from the engine's effective settings, so headers
		// captured through OTEL_INSTRUMENTATION_HTTP_* variables or for sampling rules are
		// redacted too.
		SensitiveKeys keys = sensitiveKeys.getIfAvailable(() -> SensitiveKeys.NONE);
		return (customizer) -> customizer.addTracerProviderCustomizer((builder, config) -> {
			HeaderRedactingSpanProcessor processor = HeaderRedactingSpanProcessor.forCapturedHeaders(
					capturedHeaders(config, "request"), capturedHeaders(config, "response"),
					(header) -> WebTracingProperties.ALWAYS_REDACTED_HEADERS.contains(header) || keys.matches(header));
			return (processor != null) ? builder.addSpanProcessor(processor) : builder;
		});
	}

	private static List<String> capturedHeaders(ConfigProperties config, String direction) {
		List<String> headers = new ArrayList<>();
		headers.addAll(config.getList("otel.instrumentation.http.server.capture-" + direction + "-headers"));
		headers.addAll(config.getList("otel.instrumentation.http.client.capture-" + direction + "-headers"));
		return headers;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, DispatcherServlet.class, FilterRegistrationBean.class })
	static final class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "serverSpanEnrichmentFilter")
		FilterRegistrationBean<ServerSpanEnrichmentFilter> serverSpanEnrichmentFilter(WebTracingProperties properties,
				ObjectProvider<ServerSpanRequestHook> requestHooks,
				ObjectProvider<ServerSpanResponseHook> responseHooks, ObjectProvider<SensitiveKeys> sensitiveKeys) {
			int maxBytes = (int) properties.maxBodySize().toBytes();
			SensitiveKeys keys = sensitiveKeys.getIfAvailable(() -> SensitiveKeys.NONE);
			BodyCapture requestBodies = properties.captureRequestBody()
					? BodyCapture.requests(maxBytes, properties.redactRequestBody(), keys) : null;
			BodyCapture responseBodies = properties.captureResponseBody()
					? BodyCapture.responses(maxBytes, properties.redactResponseBody(), keys) : null;
			ServerSpanEnrichmentFilter filter = new ServerSpanEnrichmentFilter(requestHooks.orderedStream().toList(),
					responseHooks.orderedStream().toList(), requestBodies, responseBodies);
			FilterRegistrationBean<ServerSpanEnrichmentFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(ServerSpanEnrichmentFilter.ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "handledExceptionRecorder")
		HandledExceptionRecorder handledExceptionRecorder() {
			return new HandledExceptionRecorder();
		}

		@Bean
		@ConditionalOnMissingBean(name = "matchedRouteConfigurer")
		WebMvcConfigurer matchedRouteConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(new MatchedRouteInterceptor()).order(Ordered.HIGHEST_PRECEDENCE);
				}

			};
		}

	}

}
