package dev.tracing.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where each mode's CPU went, by tracing component: reads the flight recordings the load
 * benchmark takes with {@code PROFILE=1} and charges every CPU sample
 * ({@code jdk.ExecutionSample}) and every allocation sample
 * ({@code jdk.ObjectAllocationSample}, by its weight in bytes) to a {@link TracingComponent}.
 * Prints, per mode, the share of all samples and of the samples charged to tracing, samples
 * per 1,000 requests when the request count is given, and the tracing methods that took the
 * most samples.
 * <p>
 * Usage: {@code java -cp benchmarks.jar dev.tracing.benchmarks.load.ProfileBreakdown
 * <mode>=<recording.jfr>[:<requests>] ...}
 */
public final class ProfileBreakdown {

	private static final int HOTTEST = 12;

	private final Map<String, Profile> profiles = new LinkedHashMap<>();

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: ProfileBreakdown <mode>=<recording.jfr>[:<requests>] ...");
			System.exit(2);
		}
		ProfileBreakdown breakdown = new ProfileBreakdown();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("Expected <mode>=<recording.jfr>[:<requests>], got '" + arg + "'");
			}
			String mode = arg.substring(0, equals);
			String file = arg.substring(equals + 1);
			long requests = 0;
			int colon = file.lastIndexOf(':');
			if (colon > 0) {
				requests = Long.parseLong(file.substring(colon + 1));
				file = file.substring(0, colon);
			}
			breakdown.read(mode, Path.of(file), requests);
		}
		breakdown.print(System.out);
	}

	void read(String mode, Path recording, long requests) throws IOException {
		Profile profile = new Profile(requests);
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				String type = event.getEventType().getName();
				if ("jdk.ExecutionSample".equals(type)) {
					profile.cpu(thread(event, "sampledThread"), event.getStackTrace());
				}
				else if ("jdk.ObjectAllocationSample".equals(type)) {
					profile.allocation(thread(event, "eventThread"), event.getStackTrace(), event.getLong("weight"));
				}
			}
		}
		this.profiles.put(mode, profile);
	}

	void add(String mode, Profile profile) {
		this.profiles.put(mode, profile);
	}

	Profile profile(String mode) {
		return this.profiles.get(mode);
	}

	private static String thread(RecordedEvent event, String field) {
		RecordedThread thread = event.hasField(field) ? event.getThread(field) : event.getThread();
		if (thread == null) {
			return null;
		}
		return (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
	}

	void print(PrintStream out) {
		List<String> modes = new ArrayList<>(this.profiles.keySet());
		out.println("CPU samples (jdk.ExecutionSample) by component, % of all samples");
		table(out, modes, (profile) -> profile.cpu, false, "samples");
		out.println();
		out.println("CPU samples charged to tracing, % of those samples");
		table(out, modes, (profile) -> profile.cpu, true, "samples charged to tracing");
		if (this.profiles.values().stream().allMatch((profile) -> profile.requests > 0)) {
			out.println();
			out.println("CPU samples per 1,000 requests (comparable across modes: same sampling period)");
			perThousandRequests(out, modes);
		}
		if (this.profiles.values().stream().anyMatch((profile) -> total(profile.allocated) > 0)) {
			out.println();
			out.println("Allocation (jdk.ObjectAllocationSample, by weight) by component, % of all bytes sampled");
			table(out, modes, (profile) -> profile.allocated, false, "bytes sampled (weight)");
		}
		for (String mode : modes) {
			Profile profile = this.profiles.get(mode);
			long all = total(profile.cpu);
			out.println();
			out.printf(Locale.ROOT, "%s: the %d tracing methods with the most CPU samples (%% of all samples)%n", mode,
					HOTTEST);
			profile.methods.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
				.limit(HOTTEST)
				.forEach((entry) -> out.printf(Locale.ROOT, "  %6.2f  %s%n", percent(entry.getValue(), all),
						entry.getKey()));
		}
	}

	private void table(PrintStream out, List<String> modes, Function<Profile, Map<TracingComponent, Long>> counts,
			boolean tracingOnly, String totalLabel) {
		header(out, modes);
		for (TracingComponent component : TracingComponent.values()) {
			if (tracingOnly && !component.isTracing()) {
				continue;
			}
			out.printf(Locale.ROOT, "%-72s", component.description());
			for (String mode : modes) {
				Map<TracingComponent, Long> byComponent = counts.apply(this.profiles.get(mode));
				long base = tracingOnly ? tracing(byComponent) : total(byComponent);
				out.printf(Locale.ROOT, " %10.2f", percent(byComponent.getOrDefault(component, 0L), base));
			}
			out.println();
		}
		if (!tracingOnly) {
			out.printf(Locale.ROOT, "%-72s", "tracing, all components above but the last");
			for (String mode : modes) {
				Map<TracingComponent, Long> byComponent = counts.apply(this.profiles.get(mode));
				out.printf(Locale.ROOT, " %10.2f", percent(tracing(byComponent), total(byComponent)));
			}
			out.println();
		}
		out.printf(Locale.ROOT, "%-72s", totalLabel);
		for (String mode : modes) {
			Map<TracingComponent, Long> byComponent = counts.apply(this.profiles.get(mode));
			out.printf(Locale.ROOT, " %10d", tracingOnly ? tracing(byComponent) : total(byComponent));
		}
		out.println();
	}

	private void perThousandRequests(PrintStream out, List<String> modes) {
		header(out, modes);
		for (TracingComponent component : TracingComponent.values()) {
			out.printf(Locale.ROOT, "%-72s", component.description());
			for (String mode : modes) {
				Profile profile = this.profiles.get(mode);
				out.printf(Locale.ROOT, " %10.2f", 1000.0 * profile.cpu.getOrDefault(component, 0L) / profile.requests);
			}
			out.println();
		}
		out.printf(Locale.ROOT, "%-72s", "all samples");
		for (String mode : modes) {
			Profile profile = this.profiles.get(mode);
			out.printf(Locale.ROOT, " %10.2f", 1000.0 * total(profile.cpu) / profile.requests);
		}
		out.println();
	}

	private static void header(PrintStream out, List<String> modes) {
		out.printf(Locale.ROOT, "%-72s", "component");
		for (String mode : modes) {
			out.printf(Locale.ROOT, " %10s", mode);
		}
		out.println();
	}

	private static long total(Map<TracingComponent, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private static long tracing(Map<TracingComponent, Long> counts) {
		return total(counts) - counts.getOrDefault(TracingComponent.NOT_TRACING, 0L);
	}

	private static double percent(long part, long whole) {
		return (whole == 0) ? 0 : 100.0 * part / whole;
	}

	/** The samples of one mode's recording, charged to components. */
	static final class Profile {

		final long requests;

		final Map<TracingComponent, Long> cpu = new EnumMap<>(TracingComponent.class);

		final Map<TracingComponent, Long> allocated = new EnumMap<>(TracingComponent.class);

		/** CPU samples charged to tracing, by the method of the frame that decided. */
		final Map<String, Long> methods = new HashMap<>();

		Profile(long requests) {
			this.requests = requests;
		}

		void cpu(String thread, RecordedStackTrace stack) {
			List<RecordedFrame> frames = frames(stack);
			TracingComponent.Charge charge = TracingComponent.charge(thread, types(frames));
			this.cpu.merge(charge.component(), 1L, Long::sum);
			if (charge.component().isTracing() && !frames.isEmpty()) {
				String method = charge.component().name().toLowerCase(Locale.ROOT) + "  "
						+ name(frames.get(charge.frame()));
				this.methods.merge(method, 1L, Long::sum);
			}
		}

		void allocation(String thread, RecordedStackTrace stack, long bytes) {
			this.allocated.merge(TracingComponent.of(thread, types(frames(stack))), bytes, Long::sum);
		}

		private static List<RecordedFrame> frames(RecordedStackTrace stack) {
			return (stack != null) ? stack.getFrames() : List.of();
		}

		private static List<String> types(List<RecordedFrame> frames) {
			List<String> types = new ArrayList<>(frames.size());
			for (RecordedFrame frame : frames) {
				types.add(frame.getMethod().getType().getName());
			}
			return types;
		}

		private static String name(RecordedFrame frame) {
			return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
		}

	}

}
