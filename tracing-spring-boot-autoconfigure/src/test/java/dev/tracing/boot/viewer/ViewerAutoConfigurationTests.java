package dev.tracing.boot.viewer;

import dev.tracing.boot.InvalidTracingPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ViewerAutoConfiguration.class));

	@Test
	void isOffByDefault() {
		this.web.run((context) -> {
			assertThat(context).doesNotHaveBean(TraceStore.class);
			assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
			assertThat(context).doesNotHaveBean(TraceStoreExporter.class);
		});
	}

	@Test
	void keepsTracesAndServesThePageWhenEnabled() {
		this.web
			.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.path=/dev/traces",
					"tracing.viewer.max-traces=50", "tracing.viewer.max-spans=900", "tracing.viewer.max-spans-per-trace=90",
					"tracing.viewer.max-bytes=2MB")
			.run((context) -> {
				assertThat(context.getBean(TraceStore.class).limits())
					.isEqualTo(new TraceStore.Limits(50, 900, 90, 2 * 1024 * 1024));
				assertThat(context).hasSingleBean(TraceStoreExporter.class);
				ServletRegistrationBean<?> registration = context.getBean(ServletRegistrationBean.class);
				assertThat(registration.getServlet()).isInstanceOf(TraceViewerServlet.class);
				assertThat(registration.getUrlMappings()).containsExactly("/dev/traces/*");
				FilterRegistrationBean<?> filter = context.getBean("traceViewerRequestFilter", FilterRegistrationBean.class);
				assertThat(filter.getFilter()).isInstanceOf(ViewerRequestFilter.class);
				assertThat(filter.getUrlPatterns()).containsExactly("/dev/traces/*");
				// Ahead of the engine's filter (HIGHEST_PRECEDENCE + 1), which starts the server span.
				assertThat(filter.getOrder()).isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
				assertThat(context).hasSingleBean(ViewerRequestsSamplingRule.class);
			});
	}

	@Test
	void keepsTracesWithoutAServletOutsideAServletApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ViewerAutoConfiguration.class))
			.withPropertyValues("tracing.viewer.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStore.class);
				assertThat(context).hasSingleBean(TraceStoreExporter.class);
				assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
			});
	}

	@Test
	void isOffWhenTracingIsOff() {
		this.web.withPropertyValues("tracing.viewer.enabled=true", "tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceStore.class));
	}

	@Test
	void backsOffFromTheUsersStore() {
		this.web.withPropertyValues("tracing.viewer.enabled=true")
			.withUserConfiguration(UserStore.class)
			.run((context) -> assertThat(context.getBean(TraceStore.class).limits().maxTraces()).isEqualTo(7));
	}

	@Test
	void rejectsAPathThatCannotBeMapped() {
		this.web.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.path=tracing")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTracingPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("tracing.viewer.path");
					assertThat(ex.getFix()).contains("/tracing");
				}));
		this.web.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.path=/tracing/*")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTracingPropertyException.class));
	}

	@Test
	void rejectsLimitsThatCannotHold() {
		this.web
			.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.max-spans=10",
					"tracing.viewer.max-spans-per-trace=20")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTracingPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("tracing.viewer.max-spans-per-trace")));
		this.web.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.max-traces=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTracingPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("tracing.viewer.max-traces")));
	}

	@Test
	void acceptsOtlpUnlessToldNot() {
		this.web.withPropertyValues("tracing.viewer.enabled=true").run((context) -> {
			MockHttpServletResponse response = postOtlp(context.getBean(ServletRegistrationBean.class));
			// Accepted for decoding (and refused there: the body is empty JSON, not protobuf).
			assertThat(response.getStatus()).isEqualTo(415);
		});
		this.web.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.receive-otlp=false").run((context) -> {
			MockHttpServletResponse response = postOtlp(context.getBean(ServletRegistrationBean.class));
			assertThat(response.getStatus()).isEqualTo(404);
			assertThat(response.getContentAsString()).contains("tracing.viewer.receive-otlp=false");
		});
	}

	@Test
	void rejectsAnOtlpRequestSizeThatCannotHoldABatch() {
		this.web.withPropertyValues("tracing.viewer.enabled=true", "tracing.viewer.max-otlp-request-size=100B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTracingPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("tracing.viewer.max-otlp-request-size");
					assertThat(ex.getFix()).contains("8MB");
				}));
	}

	private static MockHttpServletResponse postOtlp(ServletRegistrationBean<?> registration) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/tracing/v1/traces");
		request.setServletPath("/tracing");
		request.setPathInfo("/v1/traces");
		request.setRemoteAddr("127.0.0.1");
		request.setServerName("localhost");
		request.setContentType("application/json");
		request.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		MockHttpServletResponse response = new MockHttpServletResponse();
		((jakarta.servlet.Servlet) registration.getServlet()).service(request, response);
		return response;
	}

	@Test
	void viewerUrlPatternCoversThePathAndBelowOnly() {
		dev.tracing.boot.web.ExcludedUrls urls = new dev.tracing.boot.web.ExcludedUrls(
				java.util.List.of(ViewerAutoConfiguration.ViewerServletConfiguration.viewerUrlPattern("/app/tracing")));
		assertThat(urls.matches("http://localhost:8080/app/tracing")).isTrue();
		assertThat(urls.matches("http://localhost:8080/app/tracing/api/traces?limit=5")).isTrue();
		assertThat(urls.matches("/app/tracing/viewer.js")).isTrue();
		assertThat(urls.matches("http://localhost:8080/app/tracing?x=1")).isTrue();
		assertThat(urls.matches("http://localhost:8080/app/tracing;x=1")).isTrue();
		assertThat(urls.matches("http://localhost:8080/app/tracing-orders")).isFalse();
		assertThat(urls.matches("http://localhost:8080/api/app/tracing")).isFalse();
		assertThat(urls.matches("http://localhost:8080/orders?next=/app/tracing")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		TraceStore traceStore() {
			return new TraceStore(new TraceStore.Limits(7, 70, 7, 1_000_000));
		}

	}

}
