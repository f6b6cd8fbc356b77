package dev.tracing.boot.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactingSpanExporterTests {

	private final RecordingExporter delegate = new RecordingExporter();

	private final RedactingSpanExporter exporter = new RedactingSpanExporter(this.delegate,
			new SpanRedactor(RedactionPropertiesBinding.masker(), List.of(), List.of()));

	@Test
	void passesACleanBatchThroughUnchanged() {
		List<SpanData> batch = List.of(span("GET /a", "1"), span("GET /b", "2"));
		assertThat(this.exporter.export(batch).isSuccess()).isTrue();
		assertThat(this.delegate.batches).singleElement().isSameAs(batch);
	}

	@Test
	void exportsMaskedCopiesInTheOriginalOrder() {
		SpanData first = span("GET /a", "1");
		SpanData third = span("GET /c", "3");
		this.exporter.export(List.of(first, span("notify alice@example.com", "2"), third));
		List<SpanData> exported = List.copyOf(this.delegate.batches.get(0));
		assertThat(exported).extracting(SpanData::getName)
			.containsExactly("GET /a", "notify ***@***.**", "GET /c");
		assertThat(exported.get(0)).isSameAs(first);
		assertThat(exported.get(2)).isSameAs(third);
	}

	@Test
	void dropsASpanThatCannotBeMaskedInsteadOfExportingItAsItIs() {
		RedactingSpanExporter failing = new RedactingSpanExporter(this.delegate,
				new SpanRedactor((value) -> {
					if (value.contains("secret")) {
						throw new IllegalStateException("pattern failed");
					}
					return value;
				}, List.of(), List.of()));
		failing.export(List.of(span("GET /a", "1"), span("secret", "2"), span("GET /c", "3")));
		assertThat(this.delegate.batches.get(0)).extracting(SpanData::getName).containsExactly("GET /a", "GET /c");
		assertThat(failing.getDroppedSpans()).isEqualTo(1);
	}

	@Test
	void flushAndShutdownReachTheDelegate() {
		this.exporter.flush();
		this.exporter.shutdown();
		assertThat(this.delegate.flushed).isTrue();
		assertThat(this.delegate.shutDown).isTrue();
	}

	private static SpanData span(String name, String id) {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b" + id,
					TraceFlags.getSampled(), TraceState.getDefault()))
			.setName(name)
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.build();
	}

	static final class RecordingExporter implements SpanExporter {

		final List<Collection<SpanData>> batches = new ArrayList<>();

		boolean flushed;

		boolean shutDown;

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.batches.add(spans);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			this.flushed = true;
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.shutDown = true;
			return CompletableResultCode.ofSuccess();
		}

	}

}
