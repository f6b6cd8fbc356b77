package dev.tracing.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SideBySideSummary}: medians over slices, ratios against tracing off, ours
 * against the agent, and the checks of what each mode exported.
 */
class SideBySideSummaryTests {

	private static final String SLICES_HEADER = "workload\tphase\tslice\tmode\tseconds\trequests\tduration_us\tp50_us\tp99_us\terrors\tnon_2xx\tcpu_us\tgc_us\tjit_us";

	private static final String MODES_HEADER = "workload\tmode\tstartup_ms\theap_kb\tspans\tserver_spans\texports\tdropped\tpending\ttracer_providers";

	@Test
	void mediansRatiosAndOursAgainstTheAgent() {
		List<String> slices = new ArrayList<>(List.of(SLICES_HEADER));
		// CPU per request: off 50, 60 (outlier), 50 µs -> median 50; ours-10 55 -> +10%; agent-10 70 -> +40%.
		slice(slices, "warmup", 1, "off", 1000, 40_000);
		slice(slices, "measure", 1, "off", 1000, 50_000);
		slice(slices, "measure", 2, "off", 1000, 60_000);
		slice(slices, "measure", 3, "off", 1000, 50_000);
		slice(slices, "measure", 1, "ours-10", 1000, 55_000);
		slice(slices, "measure", 2, "ours-10", 1000, 55_000);
		slice(slices, "measure", 3, "ours-10", 1000, 55_000);
		slice(slices, "measure", 1, "agent-10", 800, 56_000);
		slice(slices, "measure", 2, "agent-10", 800, 56_000);
		slice(slices, "measure", 3, "agent-10", 800, 56_000);
		List<String> modes = List.of(MODES_HEADER, "light\toff\t12000\t40960\t0\t0\t0\t-\t0\t0",
				"light\tours-10\t12300\t43008\t600\t300\t3\t0\t0\t1", "light\tagent-10\t15000\t51200\t900\t240\t4\t-\t0\t1");
		String summary = summarize(slices, modes);
		assertThat(summary).contains("== light: medians over 3 measured slices per mode ==");
		assertThat(line(summary, "off ")).contains("50.0 µs").contains(" 1000 ");
		// Paired with off's slice of the same turn: 55/50, 55/60, 55/50.
		assertThat(line(summary, "ours-10 ")).contains("55.0 µs").contains("+10.0%").contains("-8.3..+10.0%");
		assertThat(line(summary, "agent-10 ")).contains("70.0 µs").contains("+40.0%").contains("-20.0%");
		assertThat(summary).contains("ours-10   vs agent-10   CPU per request +10.0% vs +40.0%: 0.25 (met)")
			.contains("throughput +0.0% vs -20.0%: 0.00 (met)");
		assertThat(summary).contains("Checks: spans only from traced modes");
		assertThat(summary).containsPattern("ours-10 CPU per request at most \\+2% +not met +\\(\\+10.0%\\)")
			.containsPattern("ours-10 throughput within 1% +met")
			.containsPattern("ours-10 start-up at most \\+0.5 s +met +\\(\\+0.3 s\\)")
			.containsPattern("ours-10 retained heap at most \\+30 MB +met +\\(\\+2.0 MB\\)");
		// Spans per request over the measured slices: 600 / 3000.
		assertThat(line(summary, "ours-10  ", 2)).contains(" 3000 ").contains(" 0.20 ").contains(" 0.10 ");
	}

	@Test
	void flagsSpansWithTracingOffAndASecondTracerProvider() {
		List<String> slices = new ArrayList<>(List.of(SLICES_HEADER));
		slice(slices, "measure", 1, "off", 1000, 50_000);
		slice(slices, "measure", 1, "agent-100", 1000, 60_000);
		List<String> modes = List.of(MODES_HEADER, "light\toff\t12000\t40960\t7\t0\t1\t-\t0\t0",
				"light\tagent-100\t15000\t51200\t2000\t1000\t4\t-\t0\t2");
		String summary = summarize(slices, modes);
		assertThat(summary).contains("CHECK FAILED: off: 7 spans received with tracing off")
			.contains("CHECK FAILED: agent-100: 2 SdkTracerProvider instances")
			.doesNotContain("server spans where");
	}

	@Test
	void flagsServerSpansThatTheRatioDoesNotExplain() {
		List<String> slices = new ArrayList<>(List.of(SLICES_HEADER));
		slice(slices, "measure", 1, "off", 10_000, 500_000);
		slice(slices, "measure", 1, "agent-100", 10_000, 600_000);
		slice(slices, "measure", 1, "ours-10", 10_000, 550_000);
		slice(slices, "measure", 1, "ours-100", 10_000, 600_000);
		List<String> modes = List.of(MODES_HEADER, "light\toff\t12000\t40960\t0\t0\t0\t-\t0\t0",
				"light\tagent-100\t15000\t51200\t37500\t7500\t40\t-\t0\t1",
				"light\tours-10\t15000\t51200\t2000\t1020\t4\t0\t0\t1",
				"light\tours-100\t15000\t51200\t40000\t20000\t4\t0\t0\t1");
		String summary = summarize(slices, modes);
		assertThat(summary)
			.contains("CHECK FAILED: agent-100: 7500 server spans where 10000 were expected (100% of requests): spans were dropped")
			.contains("CHECK FAILED: ours-100: 20000 server spans where 10000 were expected (100% of requests): a second tracer?")
			.doesNotContain("ours-10: 1020 server spans");
	}

	@Test
	void flagsNonSuccessAnswersAboveOnePercent() {
		List<String> slices = new ArrayList<>(List.of(SLICES_HEADER));
		slices.add("mix\tmeasure\t1\toff\t5\t1000\t5000000\t900\t4000\t0\t0\t400000000\t0\t0");
		slices.add("mix\tmeasure\t1\tours-100\t5\t1000\t5000000\t900\t4000\t0\t50\t450000000\t0\t0");
		List<String> modes = List.of(MODES_HEADER, "mix\toff\t12000\t40960\t0\t0\t0\t-\t0\t0",
				"mix\tours-100\t12000\t40960\t2500\t1100\t9\t0\t0\t1");
		String summary = summarize(slices, modes);
		assertThat(summary).contains("CHECK FAILED: ours-100: 50 non-2xx answers, over 1% of the requests")
			.containsPattern("ours-100 throughput at least 97% of off +met");
	}

	private static void slice(List<String> slices, String phase, int index, String mode, long requests, long cpuMicros) {
		slices.add(String.join("\t", "light", phase, Integer.toString(index), mode, "8", Long.toString(requests), "1000000",
				"600", "2500", "0", "0", Long.toString(cpuMicros), "1000", "500"));
	}

	private static String summarize(List<String> slices, List<String> modes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new SideBySideSummary(SideBySideSummary.parseTsv(slices), SideBySideSummary.parseTsv(modes))
			.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static String line(String summary, String start) {
		return line(summary, start, 1);
	}

	/** The n-th line that starts with the text. */
	private static String line(String summary, String start, int n) {
		return summary.lines().filter((line) -> line.startsWith(start)).skip(n - 1).findFirst().orElseThrow();
	}

}
