package dev.tracing.boot.viewer;

import java.util.List;
import java.util.regex.Pattern;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.pipeline.SamplingRule;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import dev.tracing.boot.web.ExcludedUrls;
import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The local trace viewer: a bounded store of recent traces, a destination of the export
 * chain (so it shows masked spans only, whatever else is exported), and a servlet that shows
 * them, whose own requests a rule of the root sampler keeps out of the traces.
 */
@AutoConfiguration(before = TracingPipelineAutoConfiguration.class)
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

		@Bean
		@ConditionalOnMissingBean(name = "traceViewerServletRegistration")
		ServletRegistrationBean<TraceViewerServlet> traceViewerServletRegistration(TraceStore store,
				ViewerProperties properties) {
			ServletRegistrationBean<TraceViewerServlet> registration = new ServletRegistrationBean<>(
					new TraceViewerServlet(store, new ViewerAccess(properties.allowRemote())),
					properties.path() + "/*");
			registration.setName("traceViewer");
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

		/** The viewer's path and everything below it, in a URL with or without scheme and host. */
		static String viewerUrlPattern(String path) {
			return "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?" + Pattern.quote(path) + "(?:[/?#]|$)";
		}

	}

}
