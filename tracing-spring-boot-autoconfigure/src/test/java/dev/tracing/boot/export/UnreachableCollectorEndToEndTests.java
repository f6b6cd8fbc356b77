package dev.tracing.boot.export;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.TracedApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector that refuses connections: requests still succeed, and the log gets one clear
 * warning instead of a stack trace per batch.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreachableCollectorEndToEndTests {

	@Test
	void refusedConnectionsGiveOneWarningAndNoStackTraces(CapturedOutput output) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext app = TracedApplication
			.run(Map.of("tracing.exporter.endpoint", "http://127.0.0.1:" + closedPort, "tracing.exporter.timeout", "1s", "tracing.batch.export-timeout", "2s",
					"tracing.batch.max-export-batch-size", "5"))) {
			HttpCalls http = new HttpCalls(app);
			for (int i = 0; i < 10; i++) {
				assertThat(http.get("/api/orders/" + i).statusCode()).isEqualTo(200);
			}
			http.flushSpans();
		}
		String log = output.getOut() + output.getErr();
		assertThat(log.split("Tracing could not export", -1)).hasSize(2);
		assertThat(log).contains("127.0.0.1:" + closedPort);
		assertThat(log).doesNotContain("Failed to export spans");
		assertThat(log).doesNotContain("java.net.ConnectException\n\tat ");
	}

}
