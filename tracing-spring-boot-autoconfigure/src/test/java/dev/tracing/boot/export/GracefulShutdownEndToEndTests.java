package dev.tracing.boot.export;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real application process: spans that had finished but were still waiting for
 * their batch are exported before the process exits.
 */
class GracefulShutdownEndToEndTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@Test
	void finishedSpansAreFlushedOnSigterm(@TempDir Path directory) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			Path log = directory.resolve("app.log");
			List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
					TracedApplication.class.getName(), "--server.port=0",
					"--spring.datasource.url=jdbc:h2:mem:shutdown", "--tracing.exporter.endpoint=" + receiver.httpEndpoint(),
					"--tracing.batch.schedule-delay=60s", "--tracing.batch.export-timeout=10s"));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			try {
				int port = awaitPort(log, process);
				HttpClient client = HttpClient.newHttpClient();
				for (int i = 0; i < 5; i++) {
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders/" + i)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).isEqualTo(200);
				}
				assertThat(receiver.spans()).as("the 60s batch delay holds spans back until shutdown").isEmpty();

				process.destroy();
				assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process exits after SIGTERM").isTrue();
				assertThat(receiver.spans()).filteredOn((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER).hasSize(5);
			}
			finally {
				process.destroyForcibly();
			}
		}
	}

	private static int awaitPort(Path log, Process process) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(log)) {
				Matcher matcher = PORT.matcher(Files.readString(log));
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			}
			if (!process.isAlive()) {
				throw new AssertionError("application exited early:\n" + Files.readString(log));
			}
			Thread.sleep(100);
		}
		throw new AssertionError("application did not start:\n" + Files.readString(log));
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

}
