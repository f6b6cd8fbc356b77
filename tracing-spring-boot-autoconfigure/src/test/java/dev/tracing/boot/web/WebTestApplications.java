package dev.tracing.boot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.Event;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the small web applications of the web tests and reads what they export. */
final class WebTestApplications {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private WebTestApplications() {
	}

	/** Starts a servlet application from these configuration classes on a random port. */
	static ConfigurableApplicationContext run(OtlpReceiver receiver, Map<String, String> properties,
			Class<?>... sources) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.datasource.url", "jdbc:h2:mem:web-edge;DB_CLOSE_DELAY=-1");
		defaults.put("tracing.batch.schedule-delay", "100ms");
		defaults.put("tracing.exporter.endpoint", receiver.httpEndpoint());
		SpringApplication application = new SpringApplicationBuilder(sources).web(WebApplicationType.SERVLET)
			.properties(defaults)
			.build();
		List<String> args = properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
		return application.run(args.toArray(String[]::new));
	}

	/** Sends a request with a body to a running application and returns the raw response. */
	static HttpResponse<byte[]> send(ConfigurableApplicationContext app, String method, String path,
			String contentType, HttpRequest.BodyPublisher body) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static HttpResponse<byte[]> post(ConfigurableApplicationContext app, String path, String contentType,
			byte[] body) {
		return send(app, "POST", path, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Waits for the server span of the request to this path. */
	static ReceivedSpan serverSpan(OtlpReceiver receiver, String path) {
		return receiver.awaitSpan(
				(span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(span.attribute("url.path")));
	}

	static List<Event> exceptionEvents(ReceivedSpan span) {
		return span.span().getEventsList().stream().filter((event) -> event.getName().equals("exception")).toList();
	}

	static String eventAttribute(Event event, String key) {
		return event.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst()
			.orElse(null);
	}

	/** Every byte the receiver got, as text, to prove a secret never left the process. */
	static String everythingExported(OtlpReceiver receiver) {
		StringBuilder all = new StringBuilder();
		receiver.rawPayloads().forEach((payload) -> all.append(new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1)));
		return all.toString();
	}

}
