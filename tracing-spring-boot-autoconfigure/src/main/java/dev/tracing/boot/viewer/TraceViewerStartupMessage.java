package dev.tracing.boot.viewer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/** Tells the developer, once, where the viewer is. */
final class TraceViewerStartupMessage implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(TraceViewerStartupMessage.class);

	private final ViewerProperties properties;

	private final Environment environment;

	private volatile boolean logged;

	TraceViewerStartupMessage(ViewerProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.logged) {
			return;
		}
		this.logged = true;
		String port = this.environment.getProperty("local.server.port");
		String path = this.environment.getProperty("server.servlet.context-path", "") + this.properties.path();
		String where = (port != null) ? "http://localhost:" + port + path : path;
		logger.info("Trace viewer at " + where + " ("
				+ (this.properties.allowRemote() ? "open to remote clients" : "loopback clients only")
				+ "; keeps the last " + this.properties.maxTraces() + " traces"
				+ (this.properties.receiveOtlp()
						? "; other local services can export to it with tracing.exporter.endpoint=" + where : "")
				+ ")");
	}

}
