package dev.tracing.boot.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Reads the viewer's JSON API of a running test application, over real HTTP. */
final class ViewerClient {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final String path;

	ViewerClient(ConfigurableApplicationContext context, String path) {
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.path = path;
	}

	ViewerClient(ConfigurableApplicationContext context) {
		this(context, "/tracing");
	}

	int port() {
		return this.port;
	}

	@SuppressWarnings("unchecked")
	List<Map<String, Object>> traces(String query) {
		HttpResponse<String> response = get("127.0.0.1", this.path + "/api/traces" + (query.isEmpty() ? "" : "?" + query));
		if (response.statusCode() != 200) {
			throw new AssertionError("viewer answered " + response.statusCode() + ": " + response.body());
		}
		return (List<Map<String, Object>>) parse(response.body()).get("traces");
	}

	Map<String, Object> trace(String traceId) {
		HttpResponse<String> response = get("127.0.0.1", this.path + "/api/traces/" + traceId);
		if (response.statusCode() != 200) {
			throw new AssertionError("viewer answered " + response.statusCode() + ": " + response.body());
		}
		return parse(response.body());
	}

	/** Waits until the viewer holds the trace with at least this many spans. */
	Map<String, Object> awaitTrace(String traceId, int spans) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			HttpResponse<String> response = get("127.0.0.1", this.path + "/api/traces/" + traceId);
			if (response.statusCode() == 200) {
				Map<String, Object> trace = parse(response.body());
				if (((List<?>) trace.get("spans")).size() >= spans) {
					return trace;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("trace " + traceId + " did not reach " + spans + " spans in the viewer: "
						+ response.statusCode() + " " + response.body());
			}
			sleep(50);
		}
	}

	HttpResponse<String> get(String host, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a raw HTTP/1.1 request over loopback with headers a normal client may not set,
	 * such as another Host, and returns the response's status line and body.
	 */
	String rawGet(String path, String... headerLines) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
			boolean host = false;
			for (String header : headerLines) {
				request.append(header).append("\r\n");
				host |= header.regionMatches(true, 0, "Host:", 0, 5);
			}
			if (!host) {
				request.append("Host: localhost\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parse(String body) {
		return json.readValue(body, Map.class);
	}

	/** An IPv4 address of this machine that is not loopback, if it has one. */
	static Optional<InetAddress> nonLoopbackAddress() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(ViewerClient::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress()
						&& !address.isLinkLocalAddress())
				.findFirst();
		}
		catch (SocketException ex) {
			return Optional.empty();
		}
	}

	private static boolean isUp(NetworkInterface networkInterface) {
		try {
			return networkInterface.isUp() && !networkInterface.isLoopback();
		}
		catch (SocketException ex) {
			return false;
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
