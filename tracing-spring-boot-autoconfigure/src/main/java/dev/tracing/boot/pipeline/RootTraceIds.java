package dev.tracing.boot.pipeline;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The SDK's id generator, with one addition: code that decides whether to sample a new trace
 * before its root span exists (the servlet filter) draws the trace id first, decides on it
 * (a ratio sampler decides by the trace id), and the root span, if it is then started on the
 * same thread, gets that very id. So a trace kept at 10% here is the same trace another
 * service's ratio sampler keeps at 10%, as if the SDK had decided.
 */
public final class RootTraceIds implements IdGenerator {

	private static final IdGenerator random = IdGenerator.random();

	private static final ThreadLocal<String> reserved = new ThreadLocal<>();

	/**
	 * Draws a trace id for a root span about to be decided on this thread. The next root
	 * span started on this thread gets it, until {@link #release()}.
	 * @return the trace id
	 */
	public static String reserve() {
		String traceId = random.generateTraceId();
		reserved.set(traceId);
		return traceId;
	}

	/** Forgets the reserved trace id, when the root span was not started or has been. */
	public static void release() {
		reserved.remove();
	}

	/** A new span id, as the SDK would draw it. */
	public static String spanId() {
		return random.generateSpanId();
	}

	@Override
	public String generateSpanId() {
		return random.generateSpanId();
	}

	@Override
	public String generateTraceId() {
		String traceId = reserved.get();
		if (traceId != null) {
			reserved.remove();
			return traceId;
		}
		return random.generateTraceId();
	}

	@Override
	public String toString() {
		return "RootTraceIds";
	}

}
