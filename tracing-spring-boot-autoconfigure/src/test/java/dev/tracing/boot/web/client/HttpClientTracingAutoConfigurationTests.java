package dev.tracing.boot.web.client;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientTracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpClientTracingAutoConfiguration.class));

	@Test
	void customizesEveryClientBuilder() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RestClientCustomizer.class);
			assertThat(context).hasSingleBean(RestTemplateCustomizer.class);
			assertThat(context).hasSingleBean(WebClientCustomizer.class);
		});
	}

	@Test
	void restTemplateCustomizerIsIdempotentAndKeepsTheUsersTemplateHandler() {
		this.runner.run((context) -> {
			RestTemplate restTemplate = new RestTemplate();
			var original = restTemplate.getUriTemplateHandler();
			RestTemplateCustomizer customizer = context.getBean(RestTemplateCustomizer.class);
			customizer.customize(restTemplate);
			customizer.customize(restTemplate);
			assertThat(restTemplate.getInterceptors()).hasSize(1);
			assertThat(restTemplate.getUriTemplateHandler()).isInstanceOf(UriTemplateRecordingHandler.class);
			assertThat(((UriTemplateRecordingHandler) restTemplate.getUriTemplateHandler()).delegate())
				.isSameAs(original);
		});
	}

	@Test
	void skipsClientsThatAreAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class, RestTemplate.class)).run((context) -> {
			assertThat(context).hasSingleBean(RestClientCustomizer.class);
			assertThat(context).doesNotHaveBean(RestTemplateCustomizer.class);
			assertThat(context).doesNotHaveBean(WebClientCustomizer.class);
		});
	}

	@Test
	void backsOffWhenTracingIsDisabled() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RestClientCustomizer.class));
	}

}
