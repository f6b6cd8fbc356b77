package dev.tracing.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The summary of a side-by-side load run ({@code benchmarks/load/run.sh}): per workload and
 * mode, the medians over the measured slices of CPU per request, throughput, p50 and p99,
 * their ratios against tracing off, what each mode exported, its start-up time and retained
 * heap, our overhead against the agent's at the same sampling ratio, and the goals of the
 * sampling issue.
 * <p>
 * Usage: {@code java -cp benchmarks.jar dev.tracing.benchmarks.load.SideBySideSummary
 * <slices.tsv> <modes.tsv>}: both files as the script writes them, with a header line.
 */
public final class SideBySideSummary {

	private static final String OFF = "off";

	private final List<Map<String, String>> slices;

	private final List<Map<String, String>> modes;

	SideBySideSummary(List<Map<String, String>> slices, List<Map<String, String>> modes) {
		this.slices = slices;
		this.modes = modes;
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("Usage: SideBySideSummary <slices.tsv> <modes.tsv>");
			System.exit(2);
		}
		new SideBySideSummary(readTsv(Path.of(args[0])), readTsv(Path.of(args[1]))).print(System.out);
	}

	static List<Map<String, String>> readTsv(Path file) throws IOException {
		return parseTsv(Files.readAllLines(file));
	}

	static List<Map<String, String>> parseTsv(List<String> lines) {
		List<Map<String, String>> rows = new ArrayList<>();
		if (lines.isEmpty()) {
			return rows;
		}
		String[] header = lines.get(0).split("\t");
		for (String line : lines.subList(1, lines.size())) {
			if (line.isBlank()) {
				continue;
			}
			String[] values = line.split("\t", -1);
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < header.length; i++) {
				row.put(header[i], (i < values.length) ? values[i] : "");
			}
			rows.add(row);
		}
		return rows;
	}

	void print(PrintStream out) {
		Set<String> workloads = new LinkedHashSet<>();
		this.slices.forEach((row) -> workloads.add(row.get("workload")));
		for (String workload : workloads) {
			workload(out, workload);
		}
	}

	private void workload(PrintStream out, String workload) {
		Map<String, ModeResult> results = new LinkedHashMap<>();
		for (Map<String, String> row : this.slices) {
			if (workload.equals(row.get("workload"))) {
				ModeResult result = results.computeIfAbsent(row.get("mode"), ModeResult::new);
				(("measure".equals(row.get("phase"))) ? result.measured : result.warmUp).add(new Slice(row));
			}
		}
		for (Map<String, String> row : this.modes) {
			if (workload.equals(row.get("workload")) && results.containsKey(row.get("mode"))) {
				results.get(row.get("mode")).info = row;
			}
		}
		ModeResult off = results.get(OFF);
		int slices = results.values().stream().mapToInt((result) -> result.measured.size()).max().orElse(0);
		out.printf(Locale.ROOT, "%n== %s: medians over %d measured slices per mode ==%n", workload, slices);
		out.printf(Locale.ROOT, "%-10s %10s %8s %17s %9s %8s %8s %8s %8s %8s %9s %9s%n", "mode", "CPU/req", "vs off",
				"slice range", "req/s", "vs off", "p50 ms", "vs off", "p99 ms", "vs off", "GC/req", "JIT/req");
		for (ModeResult result : results.values()) {
			out.printf(Locale.ROOT, "%-10s %7.1f µs %8s %17s %9.0f %8s %8.3f %8s %8.3f %8s %6.1f µs %6.1f µs%n",
					result.mode, result.cpuPerRequest(), over(result.cpuPerRequest(), off, ModeResult::cpuPerRequest, result),
					sliceRange(result, off), result.throughput(), over(result.throughput(), off, ModeResult::throughput, result),
					result.p50() / 1000, over(result.p50(), off, ModeResult::p50, result), result.p99() / 1000,
					over(result.p99(), off, ModeResult::p99, result), result.gcPerRequest(), result.jitPerRequest());
		}
		out.println();
		out.printf(Locale.ROOT, "%-10s %9s %9s %10s %8s %8s %8s %7s %8s %9s %10s %7s %8s %7s %9s %7s%n", "mode", "requests",
				"spans", "spans/req", "srv/req", "dropped", "non-2xx", "errors", "pending", "providers", "start-up s",
				"vs off", "heap MB", "vs off", "warm-up", "drift");
		for (ModeResult result : results.values()) {
			long requests = result.requests();
			long spans = result.infoLong("spans");
			long serverSpans = result.infoLong("server_spans");
			out.printf(Locale.ROOT, "%-10s %9d %9d %10.2f %8.2f %8s %8d %7d %8s %9s %10.1f %7s %8.1f %7s %9s %7s%n",
					result.mode, requests, spans, ratio(spans, requests), ratio(serverSpans, requests),
					result.info("dropped"), result.nonSuccess(), result.errors(), result.info("pending"),
					result.info("tracer_providers"), result.infoLong("startup_ms") / 1000.0,
					difference(result, off, "startup_ms", 1000.0, "%+.1f s"), result.infoLong("heap_kb") / 1024.0,
					difference(result, off, "heap_kb", 1024.0, "%+.1f"), warmUp(result), drift(result));
		}
		checks(out, workload, results);
		oursAgainstAgent(out, results, off);
		goals(out, workload, results, off);
	}

	private static String over(double value, ModeResult off, ToDoubleFunction<ModeResult> figure, ModeResult result) {
		if (off == null || result == off || figure.applyAsDouble(off) == 0) {
			return "";
		}
		return String.format(Locale.ROOT, "%+.1f%%", 100 * (value / figure.applyAsDouble(off) - 1));
	}

	/** The lowest and highest ratio of a slice's CPU per request to tracing off's in the same turn. */
	private static String sliceRange(ModeResult result, ModeResult off) {
		if (off == null || result == off) {
			return "";
		}
		Map<Integer, Double> offBySlice = new HashMap<>();
		off.measured.forEach((slice) -> offBySlice.put(slice.index, slice.cpuPerRequest()));
		double low = Double.MAX_VALUE;
		double high = -Double.MAX_VALUE;
		for (Slice slice : result.measured) {
			Double base = offBySlice.get(slice.index);
			if (base != null && base > 0) {
				double ratio = 100 * (slice.cpuPerRequest() / base - 1);
				low = Math.min(low, ratio);
				high = Math.max(high, ratio);
			}
		}
		return (low > high) ? "" : String.format(Locale.ROOT, "%+.1f..%+.1f%%", low, high);
	}

	private static String difference(ModeResult result, ModeResult off, String key, double unit, String format) {
		if (off == null || result == off || result.info == null || off.info == null) {
			return "";
		}
		return String.format(Locale.ROOT, format, (result.infoLong(key) - off.infoLong(key)) / unit);
	}

	/** Throughput of the last warm-up slice, in % of the measured median. */
	private static String warmUp(ModeResult result) {
		if (result.warmUp.isEmpty() || result.throughput() == 0) {
			return "";
		}
		double last = result.warmUp.get(result.warmUp.size() - 1).throughput();
		return String.format(Locale.ROOT, "%.0f%%", 100 * last / result.throughput());
	}

	/** Median throughput of the second half of the measured slices against the first half's. */
	private static String drift(ModeResult result) {
		int n = result.measured.size();
		if (n < 2) {
			return "";
		}
		double first = median(result.measured.subList(0, n / 2), Slice::throughput);
		double second = median(result.measured.subList(n - n / 2, n), Slice::throughput);
		return (first == 0) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * (second / first - 1));
	}

	private static void checks(PrintStream out, String workload, Map<String, ModeResult> results) {
		List<String> problems = new ArrayList<>();
		for (ModeResult result : results.values()) {
			if (result.info == null) {
				problems.add(result.mode + ": no start-up, span or heap figures (the run did not finish)");
				continue;
			}
			long spans = result.infoLong("spans");
			long providers = result.infoLong("tracer_providers");
			if (OFF.equals(result.mode)) {
				if (spans != 0) {
					problems.add(OFF + ": " + spans + " spans received with tracing off");
				}
				if (providers != 0) {
					problems.add(OFF + ": " + providers + " SdkTracerProvider instances with tracing off");
				}
			}
			else {
				if (spans == 0 || result.infoLong("server_spans") == 0) {
					problems.add(result.mode + ": no spans or no server spans received");
				}
				serverSpans(workload, result).ifPresent(problems::add);
				if (providers != 1) {
					problems.add(result.mode + ": " + providers
							+ " SdkTracerProvider instances, expected 1 (2 under the agent means our starter is on too)");
				}
			}
			if (result.errors() > 0) {
				problems.add(result.mode + ": " + result.errors() + " socket errors or timeouts");
			}
			long requests = result.requests();
			if (requests > 0 && result.nonSuccess() * 100 > requests) {
				problems.add(result.mode + ": " + result.nonSuccess() + " non-2xx answers, over 1% of the requests");
			}
		}
		out.println();
		if (problems.isEmpty()) {
			out.println("Checks: spans only from traced modes, one tracer provider each, no errors, non-2xx under 1%.");
		}
		else {
			problems.forEach((problem) -> out.println("CHECK FAILED: " + problem));
		}
	}

	/**
	 * Server spans far from what the mode's ratio makes of the requests: on the light GET one
	 * per request; in the mix one more per create (the payment gateway's side), 503s aside.
	 * Fewer mean the export queue dropped spans (the agent does not say so), more a second
	 * tracer.
	 */
	private static Optional<String> serverSpans(String workload, ModeResult result) {
		double ratio = Integer.parseInt(result.mode.substring(result.mode.indexOf('-') + 1)) / 100.0;
		long requests = result.requests();
		boolean mix = "mix".equals(workload);
		double served = mix ? requests + requests / 10.0 - result.nonSuccess() : requests;
		double expected = ratio * served;
		double tolerance = 4 * Math.sqrt(expected * (1 - ratio)) + 0.01 * expected;
		long serverSpans = result.infoLong("server_spans");
		if (serverSpans < expected - tolerance) {
			return Optional.of(String.format(Locale.ROOT,
					"%s: %d server spans where %.0f were expected (%.0f%% of %s): spans were dropped (a full export queue?)",
					result.mode, serverSpans, expected, 100 * ratio, mix ? "requests and gateway calls" : "requests"));
		}
		if (!mix && serverSpans > expected + tolerance) {
			return Optional.of(String.format(Locale.ROOT,
					"%s: %d server spans where %.0f were expected (%.0f%% of requests): a second tracer?", result.mode,
					serverSpans, expected, 100 * ratio));
		}
		return Optional.empty();
	}

	private static void oursAgainstAgent(PrintStream out, Map<String, ModeResult> results, ModeResult off) {
		if (off == null) {
			return;
		}
		boolean header = false;
		for (ModeResult ours : results.values()) {
			if (!ours.mode.startsWith("ours-")) {
				continue;
			}
			ModeResult agent = results.get("agent-" + ours.mode.substring("ours-".length()));
			if (agent == null) {
				continue;
			}
			if (!header) {
				out.println();
				out.println("Ours against the agent at the same ratio: our overhead / the agent's (goal: at most 0.5)");
				header = true;
			}
			double oursCpu = ours.cpuPerRequest() / off.cpuPerRequest() - 1;
			double agentCpu = agent.cpuPerRequest() / off.cpuPerRequest() - 1;
			double oursThroughput = ours.throughput() / off.throughput() - 1;
			double agentThroughput = agent.throughput() / off.throughput() - 1;
			out.printf(Locale.ROOT, "  %-9s vs %-10s CPU per request %+.1f%% vs %+.1f%%: %s;  throughput %+.1f%% vs %+.1f%%: %s%n",
					ours.mode, agent.mode, 100 * oursCpu, 100 * agentCpu, overheadRatio(oursCpu, agentCpu),
					100 * oursThroughput, 100 * agentThroughput, overheadRatio(-oursThroughput, -agentThroughput));
		}
	}

	private static String overheadRatio(double ours, double agent) {
		if (agent <= 0) {
			return "n/a (the agent shows no overhead)";
		}
		// + 0.0 turns a negative zero into zero.
		double ratio = ours / agent + 0.0;
		return String.format(Locale.ROOT, "%.2f (%s)", ratio, (ratio <= 0.5) ? "met" : "not met");
	}

	private static void goals(PrintStream out, String workload, Map<String, ModeResult> results, ModeResult off) {
		if (off == null) {
			return;
		}
		List<String> lines = new ArrayList<>();
		ModeResult ours100 = results.get("ours-100");
		ModeResult ours10 = results.get("ours-10");
		if ("light".equals(workload)) {
			if (ours10 != null) {
				lines.add(goal("ours-10 CPU per request at most +2%", cpuOver(ours10, off) <= 2, cpuOver(ours10, off)));
				lines.add(goal("ours-10 throughput within 1%", Math.abs(throughputChange(ours10, off)) <= 1,
						throughputChange(ours10, off)));
			}
			if (ours100 != null) {
				lines.add(goal("ours-100 CPU per request at most +10%", cpuOver(ours100, off) <= 10, cpuOver(ours100, off)));
			}
		}
		if ("mix".equals(workload) && ours100 != null) {
			lines.add(goal("ours-100 throughput at least 97% of off", throughputChange(ours100, off) >= -3,
					throughputChange(ours100, off)));
			double p50 = 100 * (ours100.p50() / off.p50() - 1);
			lines.add(goal("ours-100 p50 at most +3%", p50 <= 3, p50));
		}
		for (ModeResult ours : new ModeResult[] { ours100, ours10 }) {
			if (ours != null && ours.info != null && off.info != null) {
				double startup = (ours.infoLong("startup_ms") - off.infoLong("startup_ms")) / 1000.0;
				double heap = (ours.infoLong("heap_kb") - off.infoLong("heap_kb")) / 1024.0;
				lines.add(String.format(Locale.ROOT, "  %-48s %-8s (%+.1f s)", ours.mode + " start-up at most +0.5 s",
						(startup <= 0.5) ? "met" : "not met", startup));
				lines.add(String.format(Locale.ROOT, "  %-48s %-8s (%+.1f MB)", ours.mode + " retained heap at most +30 MB",
						(heap <= 30) ? "met" : "not met", heap));
			}
		}
		if (!lines.isEmpty()) {
			out.println();
			out.println("Goals of the sampling issue (start-up and heap: one measurement each, see the docs)");
			lines.forEach(out::println);
		}
	}

	private static String goal(String what, boolean met, double percent) {
		return String.format(Locale.ROOT, "  %-48s %-8s (%+.1f%%)", what, met ? "met" : "not met", percent);
	}

	private static double cpuOver(ModeResult result, ModeResult off) {
		return 100 * (result.cpuPerRequest() / off.cpuPerRequest() - 1);
	}

	private static double throughputChange(ModeResult result, ModeResult off) {
		return 100 * (result.throughput() / off.throughput() - 1);
	}

	private static double ratio(long part, long whole) {
		return (whole == 0) ? 0 : (double) part / whole;
	}

	static <T> double median(List<T> items, ToDoubleFunction<T> figure) {
		double[] values = items.stream().mapToDouble(figure).sorted().toArray();
		if (values.length == 0) {
			return 0;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/** One slice of load against one mode, as wrk and /proc recorded it. */
	static final class Slice {

		final int index;

		final long requests;

		final long durationMicros;

		final double p50Micros;

		final double p99Micros;

		final long errors;

		final long nonSuccess;

		final double cpuMicros;

		final double gcMicros;

		final double jitMicros;

		Slice(Map<String, String> row) {
			this.index = Integer.parseInt(row.get("slice"));
			this.requests = Long.parseLong(row.get("requests"));
			this.durationMicros = Long.parseLong(row.get("duration_us"));
			this.p50Micros = Double.parseDouble(row.get("p50_us"));
			this.p99Micros = Double.parseDouble(row.get("p99_us"));
			this.errors = Long.parseLong(row.get("errors"));
			this.nonSuccess = Long.parseLong(row.get("non_2xx"));
			this.cpuMicros = Double.parseDouble(row.get("cpu_us"));
			this.gcMicros = Double.parseDouble(row.getOrDefault("gc_us", "0"));
			this.jitMicros = Double.parseDouble(row.getOrDefault("jit_us", "0"));
		}

		double throughput() {
			return (this.durationMicros == 0) ? 0 : this.requests / (this.durationMicros / 1e6);
		}

		double cpuPerRequest() {
			return (this.requests == 0) ? 0 : this.cpuMicros / this.requests;
		}

	}

	/** The slices and the once-per-run figures of one mode. */
	static final class ModeResult {

		final String mode;

		final List<Slice> measured = new ArrayList<>();

		final List<Slice> warmUp = new ArrayList<>();

		Map<String, String> info;

		ModeResult(String mode) {
			this.mode = mode;
		}

		double cpuPerRequest() {
			return median(this.measured, Slice::cpuPerRequest);
		}

		double throughput() {
			return median(this.measured, Slice::throughput);
		}

		double p50() {
			return median(this.measured, (slice) -> slice.p50Micros);
		}

		double p99() {
			return median(this.measured, (slice) -> slice.p99Micros);
		}

		double gcPerRequest() {
			return median(this.measured, (slice) -> (slice.requests == 0) ? 0 : slice.gcMicros / slice.requests);
		}

		double jitPerRequest() {
			return median(this.measured, (slice) -> (slice.requests == 0) ? 0 : slice.jitMicros / slice.requests);
		}

		long requests() {
			return this.measured.stream().mapToLong((slice) -> slice.requests).sum();
		}

		long nonSuccess() {
			return this.measured.stream().mapToLong((slice) -> slice.nonSuccess).sum();
		}

		long errors() {
			return this.measured.stream().mapToLong((slice) -> slice.errors).sum();
		}

		String info(String key) {
			return (this.info != null) ? this.info.getOrDefault(key, "") : "";
		}

		long infoLong(String key) {
			String value = info(key);
			return (value.isEmpty() || !value.chars().allMatch(Character::isDigit)) ? 0 : Long.parseLong(value);
		}

	}

}
