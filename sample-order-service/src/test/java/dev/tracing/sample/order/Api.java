package dev.tracing.sample.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Real HTTP calls to a running order service, over loopback. */
final class Api {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final SecureRandom random = new SecureRandom();

	private final String baseUrl;

	Api(ConfigurableApplicationContext context) {
		this("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	Api(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	Response get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	Response post(String path, String body, String... headers) {
		return send("POST", path, body, headers);
	}

	Response delete(String path, String... headers) {
		return send("DELETE", path, null, headers);
	}

	Response send(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Polls {@code GET path} until the JSON answer satisfies the condition (at most 20s). */
	JsonNode await(String path, Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		Response last = null;
		while (System.nanoTime() < deadline) {
			last = get(path);
			if (last.status() == 200 && condition.test(last.json())) {
				return last.json();
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("GET " + path + " never satisfied the condition; last answer: " + last);
	}

	/**
	 * A W3C {@code traceparent} for a new sampled trace, so a test can pick out the spans of
	 * one request by its trace id.
	 */
	static TraceParent newTrace() {
		byte[] traceId = new byte[16];
		byte[] spanId = new byte[8];
		random.nextBytes(traceId);
		random.nextBytes(spanId);
		return new TraceParent(HexFormat.of().formatHex(traceId), HexFormat.of().formatHex(spanId));
	}

	record TraceParent(String traceId, String spanId) {

		String[] header() {
			return new String[] { "traceparent", "00-" + this.traceId + "-" + this.spanId + "-01" };
		}

	}

	record Response(int status, String body, HttpHeaders headers) {

		JsonNode json() {
			return json.readTree(this.body);
		}

		/** The first value of a response header, or null. */
		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
