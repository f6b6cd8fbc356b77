package dev.tracing.boot.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * A root sampler described in words a developer reads at a glance, for the start-up line
 * and the actuator endpoint: what the rules say, then what the ratio keeps.
 */
public final class SamplerDescription {

	private static final Pattern PARENT_BASED_RATIO = Pattern.compile("^ParentBased\\{root:TraceIdRatioBased\\{([0-9.]+)\\}");

	private static final Pattern RATIO = Pattern.compile("^TraceIdRatioBased\\{([0-9.]+)\\}");

	private SamplerDescription() {
	}

	/** The sampler in words, such as {@code URLs matching /health are not traced; otherwise 10% of new traces}. */
	public static String of(Sampler sampler) {
		if (!(sampler instanceof RuleBasedSampler rules)) {
			return ratio(sampler);
		}
		List<String> parts = new ArrayList<>();
		rules.rules().forEach((rule) -> parts.add(rule.toString()));
		parts.add((parts.isEmpty() ? "" : "otherwise ") + ratio(rules.fallback()));
		return String.join("; ", parts);
	}

	private static String ratio(Sampler sampler) {
		String description = sampler.getDescription();
		Matcher parentBased = PARENT_BASED_RATIO.matcher(description);
		if (parentBased.find()) {
			return percent(parentBased.group(1)) + " of new traces (callers' decisions followed)";
		}
		Matcher ratio = RATIO.matcher(description);
		if (ratio.find()) {
			return percent(ratio.group(1)) + " of traces";
		}
		if (description.startsWith("ParentBased{root:AlwaysOnSampler")) {
			return "every new trace (callers' decisions followed)";
		}
		if (description.startsWith("ParentBased{root:AlwaysOffSampler")) {
			return "no new trace (callers' decisions followed)";
		}
		if (description.equals("AlwaysOnSampler")) {
			return "every trace";
		}
		if (description.equals("AlwaysOffSampler")) {
			return "no trace";
		}
		return description;
	}

	private static String percent(String fraction) {
		BigDecimal percent = new BigDecimal(fraction).movePointRight(2).stripTrailingZeros();
		return percent.toPlainString() + "%";
	}

}
