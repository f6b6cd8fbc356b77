package dev.tracing.boot.redaction;

import dev.tracing.boot.pipeline.SpanExportStage;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The masking stage of the export chain: every span passes the {@link SpanRedactor} before
 * any later stage or destination sees it. Runs on the exporter's thread, never on the
 * request's.
 */
public final class MaskingStage implements SpanExportStage {

	private final SpanRedactor redactor;

	MaskingStage(SpanRedactor redactor) {
		this.redactor = redactor;
	}

	@Override
	public SpanExporter around(SpanExporter next) {
		return new RedactingSpanExporter(next, this.redactor);
	}

	@Override
	public String toString() {
		return "masking";
	}

}
