package dev.tracing.boot.web.client;

import dev.tracing.boot.ConditionalOnTracingEnabled;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Outgoing HTTP calls. The engine makes the client spans and propagates the trace for
 * RestClient, RestTemplate and WebClient built from Spring Boot's builders; this adds
 * {@code url.template} to them. Header capture and redaction for client spans are set up
 * with the server's, in {@link dev.tracing.boot.web.WebTracingAutoConfiguration}.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
public final class HttpClientTracingAutoConfiguration {

	/**
	 * Customizers run after the engine's ({@code HIGHEST_PRECEDENCE + 10}), so that our
	 * interceptor or filter sits inside the engine's and sees its client span.
	 */
	static final int CUSTOMIZER_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static final class RestClientConfiguration {

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "urlTemplateRestClientCustomizer")
		RestClientCustomizer urlTemplateRestClientCustomizer() {
			return (builder) -> builder.requestInterceptor(new UrlTemplateInterceptor());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static final class RestTemplateConfiguration {

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "urlTemplateRestTemplateCustomizer")
		RestTemplateCustomizer urlTemplateRestTemplateCustomizer() {
			return (restTemplate) -> {
				if (!(restTemplate.getUriTemplateHandler() instanceof UriTemplateRecordingHandler)) {
					restTemplate.setUriTemplateHandler(new UriTemplateRecordingHandler(restTemplate.getUriTemplateHandler()));
				}
				if (restTemplate.getInterceptors().stream().noneMatch(UrlTemplateInterceptor.class::isInstance)) {
					restTemplate.getInterceptors().add(new UrlTemplateInterceptor());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static final class WebClientConfiguration {

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "urlTemplateWebClientCustomizer")
		WebClientCustomizer urlTemplateWebClientCustomizer() {
			return (builder) -> builder.filters((filters) -> {
				if (filters.stream().noneMatch(UrlTemplateExchangeFilter.class::isInstance)) {
					filters.add(new UrlTemplateExchangeFilter());
				}
			});
		}

	}

}
