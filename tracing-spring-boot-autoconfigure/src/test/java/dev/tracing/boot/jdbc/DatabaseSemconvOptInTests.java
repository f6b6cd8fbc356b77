package dev.tracing.boot.jdbc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSemconvOptInTests {

	private final Properties systemProperties = new Properties();

	@Test
	void choosesTheStableDatabaseConventionsByDefault() {
		assertThat(DatabaseSemconvOptIn.apply(new MockEnvironment(), this.systemProperties)).isEqualTo("database");
		assertThat(this.systemProperties.getProperty(DatabaseSemconvOptIn.PROPERTY)).isEqualTo("database");
	}

	@Test
	void aValueInTheApplicationPropertiesReachesTheEngine() {
		MockEnvironment environment = new MockEnvironment().withProperty("otel.semconv-stability.opt-in",
				"database/dup");
		DatabaseSemconvOptIn.apply(environment, this.systemProperties);
		assertThat(this.systemProperties.getProperty(DatabaseSemconvOptIn.PROPERTY)).isEqualTo("database/dup");
	}

	@Test
	void anExistingSystemPropertyWins() {
		this.systemProperties.setProperty(DatabaseSemconvOptIn.PROPERTY, "");
		MockEnvironment environment = new MockEnvironment().withProperty("otel.semconv-stability.opt-in", "database");
		assertThat(DatabaseSemconvOptIn.apply(environment, this.systemProperties)).isEmpty();
		assertThat(this.systemProperties.getProperty(DatabaseSemconvOptIn.PROPERTY)).isEmpty();
	}

	@Test
	void touchesNothingWhenTracingIsOff() {
		assertThat(DatabaseSemconvOptIn.apply(new MockEnvironment().withProperty("tracing.enabled", "false"),
				this.systemProperties)).isNull();
		assertThat(DatabaseSemconvOptIn.apply(new MockEnvironment().withProperty("otel.sdk.disabled", "true"),
				this.systemProperties)).isNull();
		assertThat(this.systemProperties).isEmpty();
	}

	@Test
	void isRegisteredAsAnEnvironmentPostProcessor() throws IOException {
		Properties factories = PropertiesLoaderUtils.loadProperties(new ClassPathResource("META-INF/spring.factories"));
		assertThat(factories.getProperty("org.springframework.boot.EnvironmentPostProcessor"))
			.contains(DatabaseSemconvOptIn.class.getName());
	}

	/**
	 * The production path, in a JVM where nothing pins the conventions beforehand (this test
	 * JVM does, see the surefire configuration): an application started with no OTEL variable
	 * and no system property exports JDBC spans under the stable names.
	 */
	@Test
	void aFreshApplicationExportsTheStableNames() throws Exception {
		Path output = Files.createTempFile("fresh-jvm", ".txt");
		try {
			List<String> command = new ArrayList<>();
			command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(FreshApplication.class.getName());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("OTEL_"));
			Process process = builder.start();
			assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("fresh application finished").isTrue();
			String log = Files.readString(output, StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(log).isZero();
			String printed = log.lines()
				.filter((line) -> line.startsWith("JDBC SPAN ATTRIBUTES "))
				.findFirst()
				.orElseThrow(() -> new AssertionError(log));
			List<String> keys = List.of(printed.replaceAll(".*\\[(.*)\\]", "$1").split(", "));
			assertThat(keys).contains("db.system.name", "db.query.text", "db.namespace")
				.doesNotContain("db.statement", "db.system", "db.name");
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/** Runs in the forked JVM: one request, then prints the attribute keys of its JDBC span. */
	public static final class FreshApplication {

		public static void main(String[] args) throws IOException {
			if (System.getProperty(DatabaseSemconvOptIn.PROPERTY) != null) {
				throw new IllegalStateException("the opt-in must not be set before start-up");
			}
			try (OtlpReceiver receiver = OtlpReceiver.start();
					ConfigurableApplicationContext app = TracedApplication
						.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint()))) {
				HttpCalls http = new HttpCalls(app);
				http.get("/api/orders/7");
				http.flushSpans();
				ReceivedSpan jdbc = receiver.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_CLIENT);
				System.out.println("JDBC SPAN ATTRIBUTES "
						+ jdbc.span().getAttributesList().stream().map(KeyValue::getKey).sorted().toList());
			}
			System.exit(0);
		}

	}

}
