package dev.tracing.sample.order.processing;

import java.time.Duration;

/**
 * A new order was refused because as many orders as this process may hold are already
 * waiting for or in processing. Nothing was stored; the client may try again later.
 */
public class ProcessingBackloggedException extends RuntimeException {

	private final Duration retryAfter;

	ProcessingBackloggedException(int maxBacklog, Duration retryAfter) {
		super(maxBacklog + " orders are waiting for processing, the most this service holds; try again in "
				+ retryAfterSeconds(retryAfter) + " s");
		this.retryAfter = retryAfter;
	}

	/** How long the client should wait before trying again, in whole seconds (rounded up). */
	public long retryAfterSeconds() {
		return retryAfterSeconds(this.retryAfter);
	}

	private static long retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.toSeconds();
		return (retryAfter.toNanosPart() > 0) ? seconds + 1 : seconds;
	}

}
