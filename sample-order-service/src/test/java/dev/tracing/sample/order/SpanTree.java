package dev.tracing.sample.order;

import java.util.List;
import java.util.function.Predicate;

import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/** The spans of one trace, as received, with look-ups by parent, name and kind. */
final class SpanTree {

	private final List<ReceivedSpan> spans;

	SpanTree(List<ReceivedSpan> spans, String traceId) {
		this.spans = spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	List<ReceivedSpan> spans() {
		return this.spans;
	}

	List<ReceivedSpan> childrenOf(ReceivedSpan parent) {
		return this.spans.stream().filter((span) -> span.parentSpanId().equals(parent.spanId())).toList();
	}

	List<ReceivedSpan> childrenOf(ReceivedSpan parent, Predicate<ReceivedSpan> predicate) {
		return childrenOf(parent).stream().filter(predicate).toList();
	}

	/** The one child of {@code parent} matching the predicate; fails with the tree otherwise. */
	ReceivedSpan child(ReceivedSpan parent, String description, Predicate<ReceivedSpan> predicate) {
		List<ReceivedSpan> matching = childrenOf(parent, predicate);
		assertThat(matching).as("children of %s that are %s, in trace:%n%s", parent, description, this)
			.hasSize(1);
		return matching.get(0);
	}

	/** The one span of the trace matching the predicate; fails with the tree otherwise. */
	ReceivedSpan single(String description, Predicate<ReceivedSpan> predicate) {
		List<ReceivedSpan> matching = this.spans.stream().filter(predicate).toList();
		assertThat(matching).as("spans that are %s, in trace:%n%s", description, this).hasSize(1);
		return matching.get(0);
	}

	static Predicate<ReceivedSpan> named(String name) {
		return (span) -> span.name().equals(name);
	}

	static Predicate<ReceivedSpan> kind(SpanKind kind) {
		return (span) -> span.kind() == kind;
	}

	static Predicate<ReceivedSpan> server(String name) {
		return kind(SpanKind.SPAN_KIND_SERVER).and(named(name));
	}

	/** A JDBC CLIENT span for one SQL operation (INSERT, SELECT, UPDATE, DELETE). */
	static Predicate<ReceivedSpan> sql(String operation) {
		return kind(SpanKind.SPAN_KIND_CLIENT).and((span) -> operation.equals(span.attribute("db.operation"))
				|| operation.equals(span.attribute("db.operation.name")));
	}

	static boolean isError(ReceivedSpan span) {
		return span.span().getStatus().getCode() == StatusCode.STATUS_CODE_ERROR;
	}

	@Override
	public String toString() {
		StringBuilder tree = new StringBuilder();
		this.spans.stream()
			.filter((span) -> this.spans.stream().noneMatch((other) -> other.spanId().equals(span.parentSpanId())))
			.forEach((root) -> print(root, 0, tree));
		return tree.toString();
	}

	private void print(ReceivedSpan span, int depth, StringBuilder tree) {
		tree.append("  ".repeat(depth))
			.append(span.kind().name().replace("SPAN_KIND_", ""))
			.append(' ')
			.append(span.name())
			.append(" [")
			.append(span.resourceAttribute("service.name"))
			.append(isError(span) ? ", ERROR" : "")
			.append("]\n");
		childrenOf(span).forEach((child) -> print(child, depth + 1, tree));
	}

}
