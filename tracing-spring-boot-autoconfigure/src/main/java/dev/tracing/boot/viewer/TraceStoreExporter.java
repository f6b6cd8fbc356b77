package dev.tracing.boot.viewer;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The viewer's span exporter: hands every exported batch to the {@link TraceStore}. A
 * destination of the export chain like OTLP, so it sees spans only after masking.
 */
public final class TraceStoreExporter implements SpanExporter {

	private final TraceStore store;

	private volatile boolean shutdown;

	public TraceStoreExporter(TraceStore store) {
		this.store = store;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		if (this.shutdown) {
			return CompletableResultCode.ofFailure();
		}
		this.store.add(spans);
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		this.shutdown = true;
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "the local viewer";
	}

}
