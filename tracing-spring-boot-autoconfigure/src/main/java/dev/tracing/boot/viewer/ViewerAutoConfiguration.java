package dev.tracing.boot.viewer;

import java.util.List;
import java.util.regex.Pattern;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.redaction.RedactionAutoConfiguration;
import dev.tracing.boot.redaction.SpanRedactor;
import dev.tracing.boot.web.ExcludedUrlSampler;
import dev.tracing.boot.web.ExcludedUrls;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The local trace viewer: a bounded store of recent traces, filled by the SDK through the
 * {@value TraceStoreExporter#NAME} exporter (added to {@code otel.traces.exporter} by
 * {@link ViewerExporterEnvironmentPostProcessor}), and a servlet that shows them, with a
 * filter ahead of tracing that keeps the viewer's own requests out of it.
 */
@AutoConfiguration(after = RedactionAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnBooleanProperty("tracing.viewer.enabled")
@EnableConfigurationProperties(ViewerProperties.class)
public final class ViewerAutoConfiguration {

	/**
	 * Position among the SDK customizers: after URL exclusion (200), so that the viewer's
	 * own requests are dropped before any other sampling rule is asked.
	 */
	static final int EXCLUSION_ORDER = 210;

	@Bean
	@ConditionalOnMissingBean
	TraceStore traceStore(ViewerProperties properties) {
		return new TraceStore(TraceStore.Limits.of(properties));
	}

	@Bean
	@ConditionalOnMissingBean(name = "traceStoreExporterProvider")
	ConfigurableSpanExporterProvider traceStoreExporterProvider(TraceStore store) {
		return new TraceStoreExporterProvider(store);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(HttpServlet.class)
	static class ViewerServletConfiguration {

		/** The name under which the viewer's servlet is registered with the container. */
		static final String SERVLET_NAME = "traceViewer";

		private final ViewerAccess access;

		ViewerServletConfiguration(ViewerProperties properties) {
			this.access = new ViewerAccess(properties.allowRemote());
		}

		@Bean
		@ConditionalOnMissingBean(name = "traceViewerServletRegistration")
		ServletRegistrationBean<TraceViewerServlet> traceViewerServletRegistration(TraceStore store,
				ViewerProperties properties, ObjectProvider<SpanRedactor> redactor) {
			// Received spans get the masking the application's own spans get from redaction.
			OtlpTraceReceiver otlp = properties.receiveOtlp() ? new OtlpTraceReceiver(store,
					redactor.getIfAvailable(() -> SpanRedactor.NONE), properties.maxOtlpRequestSize().toBytes())
					: null;
			ServletRegistrationBean<TraceViewerServlet> registration = new ServletRegistrationBean<>(
					new TraceViewerServlet(store, this.access, otlp), properties.path() + "/*");
			registration.setName(SERVLET_NAME);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "traceViewerRequestFilter")
		FilterRegistrationBean<ViewerRequestFilter> traceViewerRequestFilter(ViewerProperties properties) {
			// The same pattern as the servlet's, so the container matches both on the same
			// normalised path; the filter then checks that the servlet is the viewer's.
			FilterRegistrationBean<ViewerRequestFilter> registration = new FilterRegistrationBean<>(
					new ViewerRequestFilter(SERVLET_NAME, this.access));
			registration.addUrlPatterns(properties.path() + "/*");
			registration.setName("traceViewerRequestFilter");
			registration.setOrder(ViewerRequestFilter.ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "traceViewerExclusionCustomizer")
		AutoConfigurationCustomizerProvider traceViewerExclusionCustomizer(ViewerProperties properties,
				Environment environment) {
			ExcludedUrls viewerUrls = new ExcludedUrls(List.of(viewerUrlPattern(
					environment.getProperty("server.servlet.context-path", "") + properties.path())));
			return new AutoConfigurationCustomizerProvider() {

				@Override
				public void customize(AutoConfigurationCustomizer customizer) {
					// The URL rule catches a request to the viewer's path that did not pass the
					// viewer's filter (a servlet registration of the user's own).
					customizer.addSamplerCustomizer((configured, config) -> new ViewerRequestSampler(
							new ExcludedUrlSampler(viewerUrls, configured)));
				}

				@Override
				public int order() {
					return EXCLUSION_ORDER;
				}

			};
		}

		@Bean
		static TraceViewerStartupMessage traceViewerStartupMessage(ViewerProperties properties,
				Environment environment) {
			return new TraceViewerStartupMessage(properties, environment);
		}

		/**
		 * The viewer's path and everything below it, in a URL with or without scheme and
		 * host, with or without path parameters.
		 */
		static String viewerUrlPattern(String path) {
			return "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?" + Pattern.quote(path) + "(?:[/?#;]|$)";
		}

	}

}
