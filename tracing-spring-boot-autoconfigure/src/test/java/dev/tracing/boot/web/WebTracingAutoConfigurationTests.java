package dev.tracing.boot.web;

import java.util.List;

import dev.tracing.boot.InvalidTracingPropertyException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

class WebTracingAutoConfigurationTests {

	private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebTracingAutoConfiguration.class));

	@Test
	void registersTheEnrichmentFilterJustInsideTheEnginesFilterAndTheExceptionRecorder() {
		this.webRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("serverSpanEnrichmentFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ServerSpanEnrichmentFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 2);
			assertThat(ReflectionTestUtils.getField(registration, "dispatcherTypes"))
				.asString()
				.contains(DispatcherType.REQUEST.name(), DispatcherType.ASYNC.name());
			assertThat(context).hasSingleBean(HandledExceptionRecorder.class);
			assertThat(context).as("no URL is excluded").doesNotHaveBean(ExcludedUrlsSamplingRule.class);
		});
	}

	@Test
	void excludedUrlsBecomeARuleOfTheRootSampler() {
		this.webRunner.withPropertyValues("tracing.web.excluded-urls=/health.*,/actuator.*").run((context) -> {
			assertThat(context).hasSingleBean(ExcludedUrlsSamplingRule.class);
			assertThat(context.getBean(ExcludedUrlsSamplingRule.class))
				.hasToString("URLs matching /health.*, /actuator.* are not traced");
		});
		this.webRunner.withPropertyValues("tracing.web.excluded-urls[0]=/health")
			.run((context) -> assertThat(context).hasSingleBean(ExcludedUrlsSamplingRule.class));
	}

	@Test
	void bodyCaptureIsOffUnlessAsked() {
		this.webRunner.run((context) -> {
			Filter filter = context.getBean("serverSpanEnrichmentFilter", FilterRegistrationBean.class).getFilter();
			assertThat(ReflectionTestUtils.getField(filter, "requestBodies")).isNull();
			assertThat(ReflectionTestUtils.getField(filter, "responseBodies")).isNull();
		});
		this.webRunner.withPropertyValues("tracing.web.capture-response-body=true").run((context) -> {
			Filter filter = context.getBean("serverSpanEnrichmentFilter", FilterRegistrationBean.class).getFilter();
			assertThat(ReflectionTestUtils.getField(filter, "requestBodies")).isNull();
			assertThat(ReflectionTestUtils.getField(filter, "responseBodies")).isNotNull();
		});
	}

	@Test
	void outsideAServletApplicationOnlyUrlExclusionRemains() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebTracingAutoConfiguration.class))
			.withPropertyValues("tracing.web.excluded-urls=/health")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("serverSpanEnrichmentFilter");
				assertThat(context).doesNotHaveBean(HandledExceptionRecorder.class);
				assertThat(context).hasSingleBean(ExcludedUrlsSamplingRule.class);
			});
	}

	@Test
	void backsOffWhenTracingIsDisabled() {
		this.webRunner.withPropertyValues("tracing.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("serverSpanEnrichmentFilter");
			assertThat(context).doesNotHaveBean(ExcludedUrls.class);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheirOwnBeans() {
		this.webRunner.withUserConfiguration(UserBeans.class).withPropertyValues("tracing.web.excluded-urls=/health")
			.run((context) -> {
				assertThat(context.getBean("serverSpanEnrichmentFilter")).isSameAs(UserBeans.FILTER);
				assertThat(context.getBean(ExcludedUrlsSamplingRule.class)).isSameAs(UserBeans.RULE);
			});
	}

	@Test
	void invalidJsonPathFailsStartupNamingTheProperty() {
		this.webRunner.withPropertyValues("tracing.web.redact-request-body=$.user.email,$.[broken")
			.run((context) -> assertThat(invalidProperty(context)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("tracing.web.redact-request-body[1]");
				assertThat(ex.getValue()).isEqualTo("$.[broken");
				assertThat(ex.getFix()).contains("$.users[*].credit_card");
			}));
		this.webRunner.withPropertyValues("tracing.web.redact-response-body=user.email")
			.run((context) -> assertThat(invalidProperty(context).getProperty())
				.isEqualTo("tracing.web.redact-response-body[0]"));
	}

	@Test
	void invalidHeaderNameFailsStartupNamingTheProperty() {
		this.webRunner.withPropertyValues("tracing.web.capture-request-headers=x-request-id,x-*")
			.run((context) -> assertThat(invalidProperty(context).getProperty())
				.isEqualTo("tracing.web.capture-request-headers[1]"));
	}

	@Test
	void oversizedMaxBodySizeFailsStartup() {
		this.webRunner.withPropertyValues("tracing.web.max-body-size=2MB")
			.run((context) -> assertThat(invalidProperty(context).getProperty()).isEqualTo("tracing.web.max-body-size"));
	}

	@Test
	void headerNamesAreLowerCased() {
		this.webRunner.withPropertyValues("tracing.web.capture-request-headers=X-Request-Id,X-REQUEST-ID,User-Agent")
			.run((context) -> assertThat(context.getBean(WebTracingProperties.class).captureRequestHeaders())
				.containsExactly("x-request-id", "user-agent"));
	}

	private static InvalidTracingPropertyException invalidProperty(AssertableWebApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidTracingPropertyException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("start-up failure").isNotNull();
		return (InvalidTracingPropertyException) failure;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final FilterRegistrationBean<Filter> FILTER = new FilterRegistrationBean<>(
				(request, response, chain) -> chain.doFilter(request, response));

		static final ExcludedUrlsSamplingRule RULE = new ExcludedUrlsSamplingRule(new ExcludedUrls(List.of("/mine")));

		@Bean
		FilterRegistrationBean<Filter> serverSpanEnrichmentFilter() {
			return FILTER;
		}

		@Bean
		ExcludedUrlsSamplingRule excludedUrlsSamplingRule() {
			return RULE;
		}

	}

}
