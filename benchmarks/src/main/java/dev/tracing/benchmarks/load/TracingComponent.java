package dev.tracing.benchmarks.load;

import java.util.List;

/**
 * The part of tracing that a profile sample is charged to, and the rules that decide it.
 * <p>
 * A sample is charged by walking its stack from the top (the running method) down:
 * <ul>
 * <li>JDK frames ({@code java.}, {@code jdk.}, {@code sun.}, ...) and the exporter's HTTP
 * library (OkHttp, Okio, Kotlin) are transparent: the walk goes on to the caller;</li>
 * <li>shared OpenTelemetry code (the API, the {@code Instrumenter}, the semantic-convention
 * extractors every instrumentation uses, the SDK's attribute maps) is remembered and passed
 * too, so that it is charged to the instrumentation that called it;</li>
 * <li>the first frame that belongs to a component decides (the rules below, in order);</li>
 * <li>the first frame of anything else (the application, Spring, Tomcat, Hibernate, Jackson)
 * ends the walk: the sample is not tracing, even though the engine's servlet filter is
 * further down every request's stack;</li>
 * <li>a walk that ends without a component is charged to {@link #EXPORT_THREAD} on the
 * export threads (the batch processor's worker, OkHttp's), to
 * {@link #OPENTELEMETRY_OTHER} if it passed shared OpenTelemetry code, and otherwise to
 * {@link #NOT_TRACING}.</li>
 * </ul>
 * The OpenTelemetry Java agent's shaded classes
 * ({@code io.opentelemetry.javaagent.shaded.io.opentelemetry.*},
 * {@code io.opentelemetry.javaagent.shaded.instrumentation.*}) are read under their
 * original names, and its own instrumentation packages
 * ({@code io.opentelemetry.javaagent.instrumentation.<name>}) by name, so that the agent's
 * samples land in the same rows as the engine's. Code the agent inlines into the classes it
 * instruments (its advice) runs in those classes' frames and counts as not tracing; what the
 * advice calls (helpers, the {@code Instrumenter}, the SDK) is charged as above.
 */
enum TracingComponent {

	STARTER("our starter (dev.tracing.boot)"),

	SERVLET("servlet and Spring MVC instrumentation, HTTP server extractors"),

	JDBC("JDBC instrumentation"),

	SQL_SANITIZING("SQL sanitizing and analysis"),

	MICROMETER("Micrometer, Spring's observations"),

	CONTEXT_MDC("context and MDC"),

	SDK_SPAN("SDK span recording (sampler, builder, span, processors)"),

	EXPORT_QUEUE("export: handing spans to the batch processor"),

	EXPORT_THREAD("export: encoding and HTTP on the export threads"),

	OTHER_INSTRUMENTATION("other instrumentation (HTTP client, Redis, ...) and the agent's machinery"),

	OPENTELEMETRY_OTHER("OpenTelemetry API and shared code, caller not charged above"),

	NOT_TRACING("not tracing (application, frameworks, JDK)");

	private static final List<String> TRANSPARENT = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "okhttp3.",
			"okio.", "kotlin.");

	private final String description;

	TracingComponent(String description) {
		this.description = description;
	}

	String description() {
		return this.description;
	}

	boolean isTracing() {
		return this != NOT_TRACING;
	}

	/**
	 * The component a sample is charged to.
	 * @param threadName the sampled thread's name
	 * @param frameTypes the class names of the stack's frames, the running method first
	 * @return the component
	 */
	static TracingComponent of(String threadName, List<String> frameTypes) {
		return charge(threadName, frameTypes).component();
	}

	/**
	 * The component a sample is charged to, and the frame that decided it.
	 * @param threadName the sampled thread's name
	 * @param frameTypes the class names of the stack's frames, the running method first
	 * @return the component and the index of the deciding frame
	 */
	static Charge charge(String threadName, List<String> frameTypes) {
		boolean exportThread = isExportThread(threadName);
		int firstShared = -1;
		int firstOwn = -1;
		for (int i = 0; i < frameTypes.size(); i++) {
			Rule rule = rule(unshaded(frameTypes.get(i)));
			if (rule.component != null) {
				// On an export thread everything is export, but for our own exporter chain.
				TracingComponent component = (exportThread && rule.component != STARTER) ? EXPORT_THREAD
						: rule.component;
				return new Charge(component, i);
			}
			if (rule != Rule.TRANSPARENT && firstOwn < 0) {
				firstOwn = i;
			}
			if (rule == Rule.SHARED && firstShared < 0) {
				firstShared = i;
			}
			else if (rule == Rule.OTHER) {
				break;
			}
		}
		int deciding = (firstShared >= 0) ? firstShared : Math.max(firstOwn, 0);
		if (exportThread) {
			return new Charge(EXPORT_THREAD, deciding);
		}
		return new Charge((firstShared >= 0) ? OPENTELEMETRY_OTHER : NOT_TRACING, deciding);
	}

	/**
	 * A sample's component and the frame that decided it (for a sample charged for its
	 * thread or for shared code, the first frame that is not the JDK's).
	 *
	 * @param component the component
	 * @param frame the index of the deciding frame, 0 for the top
	 */
	record Charge(TracingComponent component, int frame) {
	}

	private static boolean isExportThread(String threadName) {
		return threadName != null
				&& (threadName.startsWith("BatchSpanProcessor") || threadName.startsWith("OkHttp"));
	}

	/** The agent's shaded names read as the originals. */
	static String unshaded(String type) {
		if (type.startsWith("io.opentelemetry.javaagent.shaded.io.opentelemetry.")) {
			return type.substring("io.opentelemetry.javaagent.shaded.".length());
		}
		if (type.startsWith("io.opentelemetry.javaagent.shaded.instrumentation.")) {
			return "io.opentelemetry." + type.substring("io.opentelemetry.javaagent.shaded.".length());
		}
		if (type.startsWith("io.opentelemetry.javaagent.shaded.")) {
			// Libraries the agent carries for itself (OkHttp, ByteBuddy, ...).
			String library = type.substring("io.opentelemetry.javaagent.shaded.".length());
			return isTransparent(library) ? library : "io.opentelemetry.javaagent.tooling." + library;
		}
		return type;
	}

	private static boolean isTransparent(String type) {
		for (String prefix : TRANSPARENT) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static Rule rule(String type) {
		if (isTransparent(type)) {
			return Rule.TRANSPARENT;
		}
		if (type.startsWith("dev.tracing.boot.")) {
			return Rule.of(STARTER);
		}
		if (type.startsWith("io.opentelemetry.instrumentation.spring.webmvc.")
				|| type.startsWith("io.opentelemetry.instrumentation.servlet.")
				|| type.startsWith("io.opentelemetry.instrumentation.api.semconv.http.HttpServer")) {
			return Rule.of(SERVLET);
		}
		if (type.startsWith("io.opentelemetry.instrumentation.jdbc.")) {
			return Rule.of(JDBC);
		}
		if (isSqlSanitizing(type)) {
			return Rule.of(SQL_SANITIZING);
		}
		if (type.startsWith("io.micrometer.") || type.startsWith("io.opentelemetry.instrumentation.micrometer.")
				|| type.startsWith("org.springframework.http.server.observation.")
				|| type.startsWith("org.springframework.http.client.observation.")
				|| type.startsWith("org.springframework.web.filter.ServerHttpObservationFilter")) {
			return Rule.of(MICROMETER);
		}
		if (type.startsWith("io.opentelemetry.context.") || type.startsWith("io.opentelemetry.instrumentation.logback.mdc.")) {
			return Rule.of(CONTEXT_MDC);
		}
		if (type.startsWith("io.opentelemetry.sdk.trace.export.")) {
			return Rule.of(EXPORT_QUEUE);
		}
		if (type.startsWith("io.opentelemetry.sdk.trace.")) {
			return Rule.of(SDK_SPAN);
		}
		if (type.startsWith("io.opentelemetry.exporter.")) {
			return Rule.of(EXPORT_THREAD);
		}
		if (type.startsWith("io.opentelemetry.javaagent.instrumentation.")) {
			return Rule.of(agentInstrumentation(type.substring("io.opentelemetry.javaagent.instrumentation.".length())));
		}
		if (type.startsWith("io.opentelemetry.javaagent.bootstrap.")) {
			String rest = type.substring("io.opentelemetry.javaagent.bootstrap.".length());
			return Rule.of((rest.startsWith("executors.") || rest.startsWith("Java8BytecodeBridge")) ? CONTEXT_MDC
					: OTHER_INSTRUMENTATION);
		}
		if (type.startsWith("io.opentelemetry.api.") || type.startsWith("io.opentelemetry.instrumentation.api.")
				|| type.startsWith("io.opentelemetry.semconv.") || type.startsWith("io.opentelemetry.sdk.internal.")
				|| type.startsWith("io.opentelemetry.sdk.common.") || type.startsWith("io.opentelemetry.sdk.resources.")) {
			return Rule.SHARED;
		}
		if (type.startsWith("io.opentelemetry.")) {
			// The engine's other instrumentations and configuration, the agent's tooling.
			return Rule.of(OTHER_INSTRUMENTATION);
		}
		return Rule.OTHER;
	}

	private static boolean isSqlSanitizing(String type) {
		if (type.startsWith("io.opentelemetry.instrumentation.api.incubator.semconv.db.internal.")) {
			return true;
		}
		if (!type.startsWith("io.opentelemetry.instrumentation.api.incubator.semconv.db.")) {
			return false;
		}
		String simpleName = type.substring(type.lastIndexOf('.') + 1);
		return simpleName.contains("Sanitizer") || simpleName.contains("SqlQuery") || simpleName.contains("SqlDialect")
				|| simpleName.contains("MultiQuery");
	}

	private static TracingComponent agentInstrumentation(String name) {
		if (name.startsWith("servlet.") || name.startsWith("tomcat.") || name.startsWith("spring.webmvc.")) {
			return SERVLET;
		}
		if (name.startsWith("jdbc.")) {
			return JDBC;
		}
		if (name.startsWith("micrometer.")) {
			return MICROMETER;
		}
		if (name.startsWith("logback.mdc.") || name.startsWith("executors.")) {
			return CONTEXT_MDC;
		}
		return OTHER_INSTRUMENTATION;
	}

	/** What one frame says about the sample. */
	private static final class Rule {

		/** JDK and the exporter's HTTP library: the caller decides. */
		static final Rule TRANSPARENT = new Rule(null);

		/** OpenTelemetry code that every instrumentation uses: the caller decides. */
		static final Rule SHARED = new Rule(null);

		/** Not tracing: the walk ends. */
		static final Rule OTHER = new Rule(null);

		final TracingComponent component;

		private Rule(TracingComponent component) {
			this.component = component;
		}

		static Rule of(TracingComponent component) {
			return new Rule(component);
		}

	}

}
