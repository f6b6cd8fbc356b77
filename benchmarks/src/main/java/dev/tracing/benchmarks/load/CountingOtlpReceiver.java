package dev.tracing.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The collector of the load benchmark: accepts OTLP/HTTP protobuf trace exports on loopback
 * and counts the spans in them, without keeping any. Exports to {@code /<name>/v1/traces} are
 * counted under {@code name}, so that services running side by side can share one receiver
 * (an OTLP endpoint of {@code http://127.0.0.1:<port>/<name>}). {@code GET /stats/<name>}
 * answers {@code spans=<n> server_spans=<n> exports=<n> bytes=<n>} (server spans: those of
 * kind {@code SPAN_KIND_SERVER}, one per traced request that a service answered);
 * {@code POST /reset} sets every count to zero. Counting walks the protobuf wire format
 * directly, skipping every field it does not count, so the receiver costs the machine it
 * shares with the services as little as possible.
 * <p>
 * Usage: {@code java -cp benchmarks.jar dev.tracing.benchmarks.load.CountingOtlpReceiver <port-file>}:
 * binds a free port on 127.0.0.1 and writes it to the file.
 */
public final class CountingOtlpReceiver {

	/** The value of {@code Span.kind} for a server span. */
	private static final int SPAN_KIND_SERVER = 2;

	private final Map<String, AtomicLong> spans = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> serverSpans = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> exports = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();

	private final HttpServer server;

	private CountingOtlpReceiver(int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		this.server.createContext("/", this::traces);
		this.server.createContext("/stats", this::stats);
		this.server.createContext("/reset", this::reset);
		this.server.setExecutor(Executors.newFixedThreadPool(2));
	}

	public static void main(String[] args) throws IOException {
		CountingOtlpReceiver receiver = start();
		int port = receiver.port();
		if (args.length > 0) {
			Files.writeString(Path.of(args[0]), Integer.toString(port));
		}
		System.out.println("OTLP receiver listening on http://127.0.0.1:" + port);
	}

	/** Starts a receiver on a free port of 127.0.0.1. */
	static CountingOtlpReceiver start() throws IOException {
		CountingOtlpReceiver receiver = new CountingOtlpReceiver(0);
		receiver.server.start();
		return receiver;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
		((ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	private void traces(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!path.endsWith("/v1/traces")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			String name = path.substring(0, path.length() - "/v1/traces".length()).replace("/", "");
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			byte[] payload = body.readAllBytes();
			SpanCount count;
			try {
				count = countSpans(payload);
			}
			catch (RuntimeException ex) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			counter(this.spans, name).addAndGet(count.spans());
			counter(this.serverSpans, name).addAndGet(count.serverSpans());
			counter(this.exports, name).incrementAndGet();
			counter(this.bytes, name).addAndGet(payload.length);
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			// An empty ExportTraceServiceResponse: everything accepted.
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private void stats(HttpExchange exchange) throws IOException {
		String name = exchange.getRequestURI().getPath().substring("/stats".length()).replace("/", "");
		reply(exchange, "spans=" + counter(this.spans, name).get() + " server_spans=" + counter(this.serverSpans, name).get()
				+ " exports=" + counter(this.exports, name).get() + " bytes=" + counter(this.bytes, name).get() + "\n");
	}

	private void reset(HttpExchange exchange) throws IOException {
		this.spans.clear();
		this.serverSpans.clear();
		this.exports.clear();
		this.bytes.clear();
		reply(exchange, "reset\n");
	}

	private static AtomicLong counter(Map<String, AtomicLong> counters, String name) {
		return counters.computeIfAbsent(name, (key) -> new AtomicLong());
	}

	private static void reply(HttpExchange exchange, String text) throws IOException {
		try (exchange) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * Spans in an ExportTraceServiceRequest: resource_spans (1) > scope_spans (2) > spans (2),
	 * and among them those whose kind (field 6) is SPAN_KIND_SERVER (2).
	 */
	static SpanCount countSpans(byte[] payload) {
		int spans = 0;
		int serverSpans = 0;
		Wire request = new Wire(payload, 0, payload.length);
		while (request.next()) {
			if (request.field == 1 && request.wireType == 2) {
				Wire resourceSpans = request.message();
				while (resourceSpans.next()) {
					if (resourceSpans.field == 2 && resourceSpans.wireType == 2) {
						Wire scopeSpans = resourceSpans.message();
						while (scopeSpans.next()) {
							if (scopeSpans.field == 2 && scopeSpans.wireType == 2) {
								spans++;
								if (isServerSpan(scopeSpans.message())) {
									serverSpans++;
								}
							}
							scopeSpans.skip();
						}
					}
					else {
						resourceSpans.skip();
					}
				}
			}
			else {
				request.skip();
			}
		}
		return new SpanCount(spans, serverSpans);
	}

	private static boolean isServerSpan(Wire span) {
		while (span.next()) {
			if (span.field == 6 && span.wireType == 0) {
				return span.varint() == SPAN_KIND_SERVER;
			}
			span.skip();
		}
		return false;
	}

	/** What one export carried. */
	record SpanCount(int spans, int serverSpans) {
	}

	/** A cursor over the fields of one protobuf message. */
	private static final class Wire {

		private final byte[] bytes;

		private int position;

		private final int end;

		int field;

		int wireType;

		private int length;

		private boolean consumed;

		Wire(byte[] bytes, int start, int end) {
			this.bytes = bytes;
			this.position = start;
			this.end = end;
		}

		boolean next() {
			if (this.position >= this.end) {
				return false;
			}
			long tag = readVarint();
			this.field = (int) (tag >>> 3);
			this.wireType = (int) (tag & 7);
			this.consumed = false;
			if (this.wireType == 2) {
				this.length = (int) readVarint();
				if (this.length < 0 || this.position + this.length > this.end) {
					throw new IllegalArgumentException("Truncated message");
				}
			}
			return true;
		}

		Wire message() {
			Wire nested = new Wire(this.bytes, this.position, this.position + this.length);
			this.position += this.length;
			this.consumed = true;
			return nested;
		}

		void skip() {
			if (this.consumed) {
				return;
			}
			switch (this.wireType) {
				case 0 -> readVarint();
				case 1 -> this.position += 8;
				case 2 -> this.position += this.length;
				case 5 -> this.position += 4;
				default -> throw new IllegalArgumentException("Unsupported wire type " + this.wireType);
			}
			this.consumed = true;
		}

		long varint() {
			this.consumed = true;
			return readVarint();
		}

		private long readVarint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				if (this.position >= this.end) {
					throw new IllegalArgumentException("Truncated varint");
				}
				byte b = this.bytes[this.position++];
				value |= (long) (b & 0x7f) << shift;
				if ((b & 0x80) == 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("Malformed varint");
		}

	}

}
