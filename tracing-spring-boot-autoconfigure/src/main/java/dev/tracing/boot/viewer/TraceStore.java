package dev.tracing.boot.viewer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The viewer's bounded in-memory store of recent traces. Spans are grouped by trace as they
 * arrive; when a limit (traces, spans or estimated bytes) is exceeded, whole traces are
 * evicted, oldest first within the kind (request or background work) that holds more, so
 * the viewer never shows half a trace it once had in full and a flood of background work
 * cannot evict the requests. One trace keeps at most {@link Limits#maxSpansPerTrace()}
 * spans; the rest are counted.
 * <p>
 * Written by the span export thread, read by viewer requests; a single lock guards it, as
 * neither side is on a request's hot path.
 */
public final class TraceStore {

	private static final Comparator<TraceSummary> NEWEST_FIRST = Comparator
		.comparingLong(TraceSummary::startEpochNanos)
		.reversed();

	private static final Comparator<TraceSummary> REQUESTS_FIRST = Comparator
		.comparing(TraceSummary::request)
		.reversed()
		.thenComparing(NEWEST_FIRST);

	private final Limits limits;

	/** Traces in order of their first span's arrival: the eldest is evicted first. */
	private final LinkedHashMap<String, Trace> traces = new LinkedHashMap<>();

	private int spanCount;

	private long estimatedBytes;

	private long evictedTraces;

	private long droppedSpans;

	private final Resources resources = new Resources();

	public TraceStore(Limits limits) {
		this.limits = limits;
	}

	/** Keeps these finished spans, evicting the oldest traces if a limit is exceeded. */
	public void add(Collection<SpanData> spans) {
		add(spans, false);
	}

	/**
	 * Keeps these spans that another service exported to the viewer. Their resources, unlike
	 * the application's own one resource, count towards the size of each trace that refers
	 * to them.
	 */
	void addReceived(Collection<SpanData> spans) {
		add(spans, true);
	}

	private void add(Collection<SpanData> spans, boolean received) {
		List<StoredSpan> stored = new ArrayList<>(spans.size());
		List<String> traceIds = new ArrayList<>(spans.size());
		Resource given = null;
		Resource kept = null;
		for (SpanData span : spans) {
			if (span.getResource() != given) {
				given = span.getResource();
				kept = this.resources.canonical(given);
			}
			stored.add(StoredSpan.of(span, kept));
			traceIds.add(span.getTraceId());
		}
		synchronized (this) {
			for (int i = 0; i < stored.size(); i++) {
				add(traceIds.get(i), stored.get(i), received);
			}
			evict();
		}
	}

	private void add(String traceId, StoredSpan span, boolean received) {
		Trace trace = this.traces.get(traceId);
		if (trace == null) {
			trace = new Trace(traceId);
			this.traces.put(traceId, trace);
		}
		long resourceBytes = (received && !trace.refersTo(span.resource())) ? Resources.estimate(span.resource())
				: 0;
		long bytes = span.estimatedBytes() + resourceBytes;
		if (trace.spans.size() >= this.limits.maxSpansPerTrace()
				|| trace.estimatedBytes + bytes > this.limits.maxBytes()) {
			trace.droppedSpans++;
			trace.summary = null;
			this.droppedSpans++;
			return;
		}
		if (resourceBytes > 0) {
			trace.receivedResources.add(span.resource());
		}
		trace.spans.add(span);
		trace.estimatedBytes += bytes;
		trace.summary = null;
		this.spanCount++;
		this.estimatedBytes += bytes;
	}

	/**
	 * Evicts whole traces until the store is within its limits. Each victim is the eldest
	 * trace of the kind, request or background, that holds more of what is over the limit
	 * (traces, spans or bytes), so that a flood of one kind evicts its own kind and cannot
	 * take more than half the store from the other; with equal shares the eldest trace goes.
	 */
	private void evict() {
		if (!overLimit()) {
			return;
		}
		Usage requests = new Usage();
		Usage background = new Usage();
		for (Trace trace : this.traces.values()) {
			(trace.isRequest() ? requests : background).add(trace);
		}
		while (overLimit()) {
			Boolean requestKind = victimKind(requests, background);
			Iterator<Trace> eldest = this.traces.values().iterator();
			Trace trace = eldest.next();
			while (requestKind != null && trace.isRequest() != requestKind) {
				trace = eldest.next();
			}
			eldest.remove();
			(trace.isRequest() ? requests : background).remove(trace);
			this.spanCount -= trace.spans.size();
			this.estimatedBytes -= trace.estimatedBytes;
			this.evictedTraces++;
		}
	}

	private boolean overLimit() {
		return this.traces.size() > this.limits.maxTraces() || this.spanCount > this.limits.maxSpans()
				|| this.estimatedBytes > this.limits.maxBytes();
	}

	/** {@code true} to evict a request trace, {@code false} a background one, {@code null} the eldest. */
	private Boolean victimKind(Usage requests, Usage background) {
		long request;
		long other;
		if (this.traces.size() > this.limits.maxTraces()) {
			request = requests.traces;
			other = background.traces;
		}
		else if (this.spanCount > this.limits.maxSpans()) {
			request = requests.spans;
			other = background.spans;
		}
		else {
			request = requests.bytes;
			other = background.bytes;
		}
		if (request == other || requests.traces == 0 || background.traces == 0) {
			return null;
		}
		return request > other;
	}

	/**
	 * Summaries of the kept traces that match the query, newest first, or request traces
	 * first when the query asks for it.
	 */
	public synchronized List<TraceSummary> find(TraceQuery query) {
		List<TraceSummary> matching = new ArrayList<>();
		for (Trace trace : this.traces.values()) {
			TraceSummary summary = trace.summary();
			if (summary.spanCount() > 0 && query.matches(summary)) {
				matching.add(summary);
			}
		}
		matching.sort(query.requestsFirst() ? REQUESTS_FIRST : NEWEST_FIRST);
		return (matching.size() > query.limit()) ? List.copyOf(matching.subList(0, query.limit()))
				: List.copyOf(matching);
	}

	/** One kept trace, if it is still in the store. */
	public synchronized Optional<StoredTrace> get(String traceId) {
		Trace trace = this.traces.get(traceId);
		if (trace == null || trace.spans.isEmpty()) {
			return Optional.empty();
		}
		TraceSummary summary = trace.summary();
		return Optional.of(new StoredTrace(summary, List.copyOf(trace.spans), trace.root.resource()));
	}

	public synchronized Statistics statistics() {
		return new Statistics(this.traces.size(), this.spanCount, this.estimatedBytes, this.evictedTraces,
				this.droppedSpans, this.limits);
	}

	public Limits limits() {
		return this.limits;
	}

	/** Forgets every kept trace. */
	public synchronized void clear() {
		this.traces.clear();
		this.spanCount = 0;
		this.estimatedBytes = 0;
	}

	private static final class Trace {

		private final String traceId;

		private final List<StoredSpan> spans = new ArrayList<>(4);

		/** Resources of received spans, charged to this trace once each. */
		private final List<Resource> receivedResources = new ArrayList<>(1);

		private long estimatedBytes;

		private int droppedSpans;

		private StoredSpan root;

		private TraceSummary summary;

		Trace(String traceId) {
			this.traceId = traceId;
		}

		boolean refersTo(Resource resource) {
			for (Resource received : this.receivedResources) {
				if (received == resource) {
					return true;
				}
			}
			return false;
		}

		boolean isRequest() {
			return summary().request();
		}

		TraceSummary summary() {
			if (this.summary == null) {
				this.root = TraceSummary.root(this.spans);
				this.summary = TraceSummary.of(this.traceId, this.spans, this.root, this.droppedSpans);
			}
			return this.summary;
		}

	}

	/**
	 * One instance of each distinct resource. Spans of one SDK share one resource already;
	 * resources decoded from OTLP requests arrive as new, equal instances each time.
	 */
	private static final class Resources {

		private static final int MAX_KEPT = 64;

		private static final int RESOURCE_OVERHEAD = 48;

		private final Map<Resource, Resource> kept = new HashMap<>();

		synchronized Resource canonical(Resource resource) {
			Resource same = this.kept.get(resource);
			if (same != null) {
				return same;
			}
			if (this.kept.size() >= MAX_KEPT) {
				this.kept.clear();
			}
			this.kept.put(resource, resource);
			return resource;
		}

		static long estimate(Resource resource) {
			return RESOURCE_OVERHEAD + SizeEstimate.of(resource.getAttributes()) + SizeEstimate.of(resource.getSchemaUrl());
		}

	}

	/** What the traces of one kind hold. */
	private static final class Usage {

		private long traces;

		private long spans;

		private long bytes;

		void add(Trace trace) {
			this.traces++;
			this.spans += trace.spans.size();
			this.bytes += trace.estimatedBytes;
		}

		void remove(Trace trace) {
			this.traces--;
			this.spans -= trace.spans.size();
			this.bytes -= trace.estimatedBytes;
		}

	}

	/**
	 * The store's limits.
	 *
	 * @param maxTraces the number of most recent traces kept
	 * @param maxSpans the number of spans kept across all traces
	 * @param maxSpansPerTrace the number of spans kept for one trace
	 * @param maxBytes the estimated heap size of all kept spans
	 */
	public record Limits(int maxTraces, int maxSpans, int maxSpansPerTrace, long maxBytes) {

		public static Limits of(ViewerProperties properties) {
			return new Limits(properties.maxTraces(), properties.maxSpans(), properties.maxSpansPerTrace(),
					properties.maxBytes().toBytes());
		}

	}

	/**
	 * What the store holds now.
	 *
	 * @param traces the number of traces kept
	 * @param spans the number of spans kept
	 * @param estimatedBytes their estimated heap size
	 * @param evictedTraces the number of traces evicted since start-up
	 * @param droppedSpans the number of spans not kept because their trace was too large
	 * @param limits the limits in force
	 */
	public record Statistics(int traces, int spans, long estimatedBytes, long evictedTraces, long droppedSpans,
			Limits limits) {

	}

}
