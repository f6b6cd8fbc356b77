package dev.tracing.boot.actuate;

import java.util.Collection;

import dev.tracing.boot.export.OtlpExportFailure;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Counts the spans a span exporter exports and the exports that fail. */
final class CountingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final ExportStatistics statistics;

	CountingSpanExporter(SpanExporter delegate, ExportStatistics statistics) {
		this.delegate = delegate;
		this.statistics = statistics;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		Resource resource = spans.isEmpty() ? null : spans.iterator().next().getResource();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.statistics.failed(count, describe(ex));
			throw ex;
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.statistics.exported(count, resource);
			}
			else {
				this.statistics.failed(count, describe(result.getFailureThrowable()));
			}
		});
		return result;
	}

	static String describe(Throwable failure) {
		if (failure == null) {
			return "the exporter reported a failure";
		}
		String response = OtlpExportFailure.response(failure);
		if (response != null) {
			return response;
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		if (root != failure) {
			message += " (" + root.getClass().getSimpleName()
					+ ((root.getMessage() != null) ? ": " + root.getMessage() : "") + ")";
		}
		return message;
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
		return "CountingSpanExporter{" + this.delegate + "}";
	}

}
