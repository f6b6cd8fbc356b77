package dev.tracing.boot.web;

import java.util.List;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.internal.ConditionalOnPropertyEntries;
import dev.tracing.boot.internal.ConditionalOnRequestedInstrumentation;
import dev.tracing.boot.redaction.SensitiveKeys;
import dev.tracing.boot.pipeline.RuleBasedSampler;
import dev.tracing.boot.pipeline.SamplingRule;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.instrumentation.spring.webmvc.v6_0.SpringWebMvcTelemetry;
import io.opentelemetry.instrumentation.spring.webmvc.v6_0.SpringWebMvcTelemetryBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Incoming HTTP requests: the server span of each Spring MVC request, by the starter's
 * filter, which decides sampling before anything else (see {@link ServerSpanFilter}); URL
 * exclusion (a rule of the root sampler); handled exceptions, hooks and body capture on the
 * server span. Captured headers are masked at export, with every other sensitive value.
 */
@AutoConfiguration(after = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(WebTracingProperties.class)
public final class WebTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExcludedUrls excludedUrls(WebTracingProperties properties) {
		return new ExcludedUrls(properties.excludedUrls());
	}

	@Bean
	@Order(SamplingRule.EXCLUDED_URLS)
	@ConditionalOnMissingBean
	@ConditionalOnPropertyEntries("tracing.web.excluded-urls")
	ExcludedUrlsSamplingRule excludedUrlsSamplingRule(ExcludedUrls excludedUrls) {
		return new ExcludedUrlsSamplingRule(excludedUrls);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, DispatcherServlet.class, FilterRegistrationBean.class })
	static final class ServletConfiguration {

		@Bean
		@ConditionalOnClass(SpringWebMvcTelemetry.class)
		@ConditionalOnBean(OpenTelemetry.class)
		@ConditionalOnProperty(name = "tracing.web.server-instrumentation", havingValue = "starter",
				matchIfMissing = true)
		@ConditionalOnRequestedInstrumentation("spring-webmvc")
		@ConditionalOnMissingBean(name = "serverSpanFilter")
		FilterRegistrationBean<ServerSpanFilter> serverSpanFilter(ObjectProvider<RuleBasedSampler> sampler,
				OpenTelemetry openTelemetry, ConfigProperties config) {
			List<String> knownMethods = config.getList("otel.instrumentation.http.known-methods");
			SpringWebMvcTelemetryBuilder spans = SpringWebMvcTelemetry.builder(openTelemetry)
				.setCapturedRequestHeaders(config.getList("otel.instrumentation.http.server.capture-request-headers"))
				.setCapturedResponseHeaders(
						config.getList("otel.instrumentation.http.server.capture-response-headers"));
			if (!knownMethods.isEmpty()) {
				spans.setKnownMethods(knownMethods);
			}
			// An application's own Sampler cannot be asked before the span exists: then every
			// request goes through the library filter, and the SDK's sampler decides.
			ServerSpanFilter filter = new ServerSpanFilter(sampler.getIfAvailable(),
					openTelemetry.getPropagators().getTextMapPropagator(), spans.build().createServletFilter());
			FilterRegistrationBean<ServerSpanFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setName("serverSpanFilter");
			registration.setOrder(ServerSpanFilter.ORDER);
			return registration;
		}

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
