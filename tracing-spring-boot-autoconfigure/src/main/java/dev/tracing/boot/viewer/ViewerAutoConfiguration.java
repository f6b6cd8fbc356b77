package dev.tracing.boot.viewer;

import java.util.List;
import java.util.regex.Pattern;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.pipeline.SamplingRule;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import dev.tracing.boot.redaction.RedactionAutoConfiguration;
import dev.tracing.boot.redaction.SpanRedactor;
import dev.tracing.boot.web.ExcludedUrls;
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
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
/**
 * The local trace viewer: a bounded store of recent traces, a destination of the export
 * chain (so it shows masked spans only, whatever else is exported), and a servlet that shows
 * them. The viewer's own requests are never traced: a filter ahead of tracing decides so for
 * every request the container maps to the viewer, and a rule of the root sampler catches the
 * viewer's path on any other.
 */
@AutoConfiguration(before = TracingPipelineAutoConfiguration.class, after = RedactionAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnBooleanProperty("tracing.viewer.enabled")
@EnableConfigurationProperties(ViewerProperties.class)
public final class ViewerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceStore traceStore(ViewerProperties properties) {
		return new TraceStore(TraceStore.Limits.of(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	TraceStoreExporter traceStoreExporter(TraceStore store) {
		return new TraceStoreExporter(store);
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
		@Order(SamplingRule.VIEWER_REQUESTS)
		@ConditionalOnMissingBean
		ViewerRequestsSamplingRule viewerRequestsSamplingRule(ViewerProperties properties, Environment environment) {
			return new ViewerRequestsSamplingRule(new ExcludedUrls(List.of(viewerUrlPattern(
					environment.getProperty("server.servlet.context-path", "") + properties.path()))));
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
