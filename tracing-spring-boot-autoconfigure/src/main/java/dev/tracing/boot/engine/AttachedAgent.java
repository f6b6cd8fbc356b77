package dev.tracing.boot.engine;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import org.springframework.util.ClassUtils;

/**
 * A tracing Java agent attached to this JVM, found by its entry class on the system class
 * path or by its {@code -javaagent} option.
 *
 * @param name what to call it in messages
 * @param evidence how it was found
 */
record AttachedAgent(String name, String evidence) {

	private static final List<Known> KNOWN = List.of(
			new Known("OpenTelemetry Java agent", "io.opentelemetry.javaagent.OpenTelemetryAgent", "opentelemetry-javaagent"),
			new Known("Datadog Java agent", "datadog.trace.bootstrap.AgentBootstrap", "dd-java-agent"),
			new Known("Elastic APM Java agent", "co.elastic.apm.agent.premain.AgentMain", "elastic-apm-agent"));

	/** The attached agent, or {@code null} when there is none. */
	static AttachedAgent detect() {
		return detect(ManagementFactory.getRuntimeMXBean().getInputArguments(), ClassLoader.getSystemClassLoader());
	}

	static AttachedAgent detect(List<String> jvmArguments, ClassLoader systemClassLoader) {
		for (Known known : KNOWN) {
			for (String argument : jvmArguments) {
				if (argument.startsWith("-javaagent:")
						&& argument.toLowerCase(Locale.ROOT).contains(known.jarName())) {
					return new AttachedAgent(known.name(), argument);
				}
			}
			if (ClassUtils.isPresent(known.entryClass(), systemClassLoader)) {
				return new AttachedAgent(known.name(), known.entryClass() + " on the class path");
			}
		}
		return null;
	}

	private record Known(String name, String entryClass, String jarName) {
	}

}
