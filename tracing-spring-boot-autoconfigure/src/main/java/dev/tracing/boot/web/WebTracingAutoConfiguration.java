package dev.tracing.boot.web;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.internal.ConditionalOnPropertyEntries;
import dev.tracing.boot.redaction.SensitiveKeys;
import dev.tracing.boot.pipeline.SamplingRule;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
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
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Incoming HTTP requests, on top of the server spans that the engine's Spring MVC filter
 * makes: URL exclusion (a rule of the root sampler), handled exceptions, hooks and body
 * capture. Captured headers are masked at export, with every other sensitive value.
 */
@AutoConfiguration(before = TracingPipelineAutoConfiguration.class)
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
