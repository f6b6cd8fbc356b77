package dev.tracing.boot.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import dev.tracing.boot.testsupport.HttpCalls;
import tools.jackson.databind.json.JsonMapper;

/** Reads actuator endpoints of a running test application over real HTTP. */
final class ActuatorClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpCalls http;

	ActuatorClient(HttpCalls http) {
		this.http = http;
	}

	HttpResponse<String> get(String path) {
		return this.http.get(path);
	}

	Map<String, Object> tracing() {
		HttpResponse<String> response = this.http.get("/actuator/tracing");
		if (response.statusCode() != 200) {
			throw new AssertionError("/actuator/tracing answered " + response.statusCode() + ": " + response.body());
		}
		return parse(response.body());
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> export() {
		return (Map<String, Object>) tracing().get("export");
	}

	/** Polls the endpoint's export section until it satisfies the condition. */
	Map<String, Object> awaitExport(Predicate<Map<String, Object>> condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		Map<String, Object> export = export();
		while (!condition.test(export)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what + "; last export section: " + export);
			}
			sleep(25);
			export = export();
		}
		return export;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parse(String body) {
		return json.readValue(body, Map.class);
	}

	static long number(Map<String, Object> map, String key) {
		Object value = map.get(key);
		if (!(value instanceof Number number)) {
			throw new AssertionError(key + " is not a number in " + map);
		}
		return number.longValue();
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
