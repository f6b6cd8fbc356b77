package dev.tracing.boot.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wraps a span exporter so that it only ever sees masked spans. Runs where the exporter
 * runs: on the batch processor's thread, not on the request thread. A span that cannot be
 * masked (a user pattern that throws, for example) is dropped rather than exported as it
 * is.
 */
public final class RedactingSpanExporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(RedactingSpanExporter.class);

	private final SpanExporter delegate;

	private final SpanRedactor redactor;

	private final AtomicLong droppedSpans = new AtomicLong();

	public RedactingSpanExporter(SpanExporter delegate, SpanRedactor redactor) {
		this.delegate = delegate;
		this.redactor = redactor;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<SpanData> redacted = null;
		int index = 0;
		for (SpanData span : spans) {
			SpanData masked = redactOrNull(span);
			if (masked != span && redacted == null) {
				redacted = new ArrayList<>(spans.size());
				copyFirst(spans, index, redacted);
			}
			if (redacted != null && masked != null) {
				redacted.add(masked);
			}
			index++;
		}
		return this.delegate.export((redacted != null) ? redacted : spans);
	}

	private SpanData redactOrNull(SpanData span) {
		try {
			return this.redactor.redact(span);
		}
		catch (RuntimeException | StackOverflowError ex) {
			long dropped = this.droppedSpans.incrementAndGet();
			if (dropped == 1 || Long.bitCount(dropped) == 1) {
				logger.warn("Tracing dropped span '" + span.getSpanContext().getSpanId()
						+ "' because masking it failed (" + dropped + " spans dropped so far); check "
						+ "tracing.redaction.patterns", ex);
			}
			return null;
		}
	}

	private static void copyFirst(Collection<SpanData> spans, int count, List<SpanData> target) {
		int copied = 0;
		for (SpanData span : spans) {
			if (copied++ == count) {
				return;
			}
			target.add(span);
		}
	}

	/** Number of spans dropped because masking them failed. */
	public long getDroppedSpans() {
		return this.droppedSpans.get();
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return "RedactingSpanExporter{" + this.delegate + "}";
	}

}
