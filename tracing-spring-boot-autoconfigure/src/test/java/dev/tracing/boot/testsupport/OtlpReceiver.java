package dev.tracing.boot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A real OTLP receiver on loopback for end-to-end tests: HTTP/protobuf on one port
 * ({@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}) and gRPC on another. Trace
 * payloads are decoded with the official {@code opentelemetry-proto} classes; the raw bytes
 * and headers of every request are kept so tests can search what really crossed the wire.
 */
public final class OtlpReceiver implements AutoCloseable {

	private final HttpServer http;

	private final Server grpc;

	private final List<ExportTraceServiceRequest> traceRequests = new CopyOnWriteArrayList<>();

	private final List<byte[]> rawPayloads = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();

	private volatile int httpStatus = 200;

	private volatile Duration responseDelay = Duration.ZERO;

	private OtlpReceiver() throws IOException {
		this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.http.createContext("/", this::handleHttp);
		this.http.setExecutor(Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "otlp-receiver-http");
			thread.setDaemon(true);
			return thread;
		}));
		this.http.start();
		this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
			.addService(ServerInterceptors.intercept(new TraceService(), new HeaderCapture()))
			.build()
			.start();
	}

	public static OtlpReceiver start() {
		try {
			return new OtlpReceiver();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Base URL for {@code http/protobuf}, e.g. {@code http://127.0.0.1:41234}. */
	public String httpEndpoint() {
		return "http://127.0.0.1:" + this.http.getAddress().getPort();
	}

	/** URL for {@code grpc}. */
	public String grpcEndpoint() {
		return "http://127.0.0.1:" + this.grpc.getPort();
	}

	/** Makes the HTTP endpoint answer every request with this status. */
	public void respondWith(int status) {
		this.httpStatus = status;
	}

	/** Makes the HTTP endpoint wait this long before answering. */
	public void delayResponses(Duration delay) {
		this.responseDelay = delay;
	}

	public void reset() {
		this.traceRequests.clear();
		this.rawPayloads.clear();
		this.requestHeaders.clear();
		this.requestsByPath.clear();
		this.httpStatus = 200;
		this.responseDelay = Duration.ZERO;
	}

	private void handleHttp(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requestsByPath.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			byte[] body = readBody(exchange);
			sleep(this.responseDelay);
			if (this.httpStatus != 200) {
				exchange.sendResponseHeaders(this.httpStatus, -1);
				return;
			}
			if (path.equals("/v1/traces")) {
				Map<String, String> headers = new ConcurrentHashMap<>();
				exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
						String.join(",", values)));
				record(ExportTraceServiceRequest.parseFrom(body), body, headers);
				byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, response.length);
				exchange.getResponseBody().write(response);
			}
			else {
				exchange.sendResponseHeaders(200, -1);
			}
		}
	}

	private static byte[] readBody(HttpExchange exchange) throws IOException {
		InputStream body = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			body = new GZIPInputStream(body);
		}
		return body.readAllBytes();
	}

	private void record(ExportTraceServiceRequest request, byte[] raw, Map<String, String> headers) {
		this.rawPayloads.add(raw);
		this.requestHeaders.add(headers);
		this.traceRequests.add(request);
	}

	/** Number of HTTP requests received on a path such as {@code /v1/metrics}. */
	public int requestCount(String path) {
		AtomicInteger count = this.requestsByPath.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** Headers of every trace export request received so far (names in lower case). */
	public List<Map<String, String>> traceRequestHeaders() {
		return List.copyOf(this.requestHeaders);
	}

	/** The decoded payloads of every trace export received so far. */
	public List<ExportTraceServiceRequest> traceRequests() {
		return List.copyOf(this.traceRequests);
	}

	/** Every byte of every trace payload received so far, uncompressed. */
	public List<byte[]> rawPayloads() {
		return List.copyOf(this.rawPayloads);
	}

	/** Every span received so far, with its resource. */
	public List<ReceivedSpan> spans() {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (ExportTraceServiceRequest request : this.traceRequests) {
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						spans.add(new ReceivedSpan(span, resourceSpans.getResource(), scopeSpans.getScope().getName()));
					}
				}
			}
		}
		return Collections.unmodifiableList(spans);
	}

	/** Waits until a span matching the predicate arrives, and returns it. */
	public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> predicate) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			for (ReceivedSpan span : spans()) {
				if (predicate.test(span)) {
					return span;
				}
			}
			sleep(Duration.ofMillis(50));
		}
		throw new AssertionError("No matching span arrived within 20s; received: " + spans());
	}

	/** Waits until at least {@code count} spans matching the predicate arrived. */
	public List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> predicate, int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		List<ReceivedSpan> matching = List.of();
		while (System.nanoTime() < deadline) {
			matching = spans().stream().filter(predicate).toList();
			if (matching.size() >= count) {
				return matching;
			}
			sleep(Duration.ofMillis(50));
		}
		throw new AssertionError("Expected " + count + " matching spans within 20s, got " + matching.size());
	}

	private static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.http.stop(0);
		this.grpc.shutdownNow();
	}

	/** A span as received, with the resource it was exported under. */
	public record ReceivedSpan(Span span, Resource resource, String scope) {

		public String name() {
			return this.span.getName();
		}

		public String traceId() {
			return hex(this.span.getTraceId().toByteArray());
		}

		public String spanId() {
			return hex(this.span.getSpanId().toByteArray());
		}

		public String parentSpanId() {
			return hex(this.span.getParentSpanId().toByteArray());
		}

		public Span.SpanKind kind() {
			return this.span.getKind();
		}

		public String attribute(String key) {
			return value(this.span.getAttributesList(), key);
		}

		public String resourceAttribute(String key) {
			return value(this.resource.getAttributesList(), key);
		}

		private static String value(List<KeyValue> attributes, String key) {
			for (KeyValue attribute : attributes) {
				if (attribute.getKey().equals(key)) {
					return render(attribute.getValue());
				}
			}
			return null;
		}

		private static String render(AnyValue value) {
			return switch (value.getValueCase()) {
				case STRING_VALUE -> value.getStringValue();
				case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
				case INT_VALUE -> Long.toString(value.getIntValue());
				case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
				case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(ReceivedSpan::render).toList()
					.toString();
				default -> value.toString();
			};
		}

		private static String hex(byte[] bytes) {
			StringBuilder hex = new StringBuilder(bytes.length * 2);
			for (byte b : bytes) {
				hex.append(String.format("%02x", b));
			}
			return hex.toString();
		}

		@Override
		public String toString() {
			return kind() + " " + name() + " trace=" + traceId() + " span=" + spanId() + " parent=" + parentSpanId();
		}

	}

	private static final ThreadLocal<Map<String, String>> grpcHeaders = new ThreadLocal<>();

	private final class HeaderCapture implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			Map<String, String> captured = new ConcurrentHashMap<>();
			for (String key : headers.keys()) {
				if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
					String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
					if (value != null) {
						captured.put(key.toLowerCase(Locale.ROOT), value);
					}
				}
			}
			ServerCall.Listener<Q> delegate = next.startCall(call, headers);
			return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
				@Override
				public void onHalfClose() {
					// unary calls invoke the service method here
					grpcHeaders.set(captured);
					try {
						super.onHalfClose();
					}
					finally {
						grpcHeaders.remove();
					}
				}
			};
		}

	}

	private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {

		@Override
		public void export(ExportTraceServiceRequest request,
				StreamObserver<ExportTraceServiceResponse> responseObserver) {
			Map<String, String> headers = grpcHeaders.get();
			record(request, request.toByteArray(), (headers != null) ? headers : Map.of());
			requestsByPath.computeIfAbsent("grpc:traces", (key) -> new AtomicInteger()).incrementAndGet();
			responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
			responseObserver.onCompleted();
		}

	}

}
