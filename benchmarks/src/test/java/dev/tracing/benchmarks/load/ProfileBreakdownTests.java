package dev.tracing.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProfileBreakdown}: a real flight recording of this JVM while it starts and
 * ends spans with the SDK, read back and charged to components.
 */
class ProfileBreakdownTests {

	private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

	@TempDir
	Path directory;

	@Test
	void chargesSamplesOfSpanRecordingToTheSdk() throws Exception {
		ProfileBreakdown.Profile profile = null;
		try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
			Tracer tracer = provider.get("profile-breakdown-test");
			// Sampling may miss a short burst on a busy machine: record again, a bounded number of times.
			for (int attempt = 1; attempt <= 20; attempt++) {
				Path file = this.directory.resolve("attempt-" + attempt + ".jfr");
				try (Recording recording = new Recording()) {
					recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
					recording.start();
					startAndEndSpans(tracer, 200_000);
					recording.stop();
					recording.dump(file);
				}
				ProfileBreakdown breakdown = new ProfileBreakdown();
				breakdown.read("sdk", file, 200_000);
				profile = breakdown.profile("sdk");
				if (profile.cpu.getOrDefault(TracingComponent.SDK_SPAN, 0L) > 0) {
					break;
				}
			}
		}
		assertThat(profile.cpu.getOrDefault(TracingComponent.SDK_SPAN, 0L)).isPositive();
		assertThat(profile.methods.keySet()).anyMatch((method) -> method.startsWith("sdk_span  io.opentelemetry.sdk.trace."));
		assertThat(profile.requests).isEqualTo(200_000);
	}

	@Test
	void printsEveryComponentForEveryMode() throws Exception {
		ProfileBreakdown breakdown = new ProfileBreakdown();
		ProfileBreakdown.Profile off = new ProfileBreakdown.Profile(1000);
		off.cpu.put(TracingComponent.NOT_TRACING, 90L);
		off.cpu.put(TracingComponent.MICROMETER, 10L);
		ProfileBreakdown.Profile ours = new ProfileBreakdown.Profile(1000);
		ours.cpu.put(TracingComponent.NOT_TRACING, 75L);
		ours.cpu.put(TracingComponent.SDK_SPAN, 20L);
		ours.cpu.put(TracingComponent.SERVLET, 5L);
		ours.methods.put("sdk_span  io.opentelemetry.sdk.trace.SdkSpanBuilder.setAttribute", 20L);
		breakdown.add("off", off);
		breakdown.add("ours-10", ours);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		breakdown.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		String printed = bytes.toString(StandardCharsets.UTF_8);
		assertThat(printed).contains("off    ours-10");
		for (TracingComponent component : TracingComponent.values()) {
			assertThat(printed).contains(component.description());
		}
		assertThat(printed.lines().filter((line) -> line.startsWith(TracingComponent.SDK_SPAN.description())))
			// % of all samples, % of tracing samples, per 1,000 requests.
			.containsExactly(row(TracingComponent.SDK_SPAN, "0.00", "20.00"), row(TracingComponent.SDK_SPAN, "0.00", "80.00"),
					row(TracingComponent.SDK_SPAN, "0.00", "20.00"));
		assertThat(printed).contains("   20.00  sdk_span  io.opentelemetry.sdk.trace.SdkSpanBuilder.setAttribute");
	}

	private static String row(TracingComponent component, String off, String ours) {
		return String.format("%-72s %10s %10s", component.description(), off, ours);
	}

	private static void startAndEndSpans(Tracer tracer, int count) {
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("GET /api/orders").setAttribute(ROUTE, "/api/orders").startSpan().end();
		}
	}

}
