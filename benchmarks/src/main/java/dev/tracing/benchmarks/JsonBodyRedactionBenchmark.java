package dev.tracing.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.web.JsonBodyRedactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code tracing.web.redact-request-body} costs per request on a typical 1 KB JSON body
 * (the APItoolkit user document, with a list of users), against recording the same body
 * without redaction (decoding it to text, which any capture does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBodyRedactionBenchmark {

	private final JsonBodyRedactor redactor = new JsonBodyRedactor(
			List.of("$.user.email", "$.users[*].credit_card", "$.user.addresses", "$.user.credit_card"));

	private byte[] body;

	@Setup
	public void createBody() {
		StringBuilder json = new StringBuilder("""
				{"user":{"name":"John Martha","email":"john.martha@example.com",
				"addresses":[{"street":"123 Main St","city":"Anytown","state":"CA","zip":"12345"},
				{"street":"9 High St","city":"Othertown","state":"NY","zip":"67890"}],
				"credit_card":{"number":"4111111111111111","expiration":"12/28","cvv":"123"}},
				"users":[""");
		for (int i = 0; i < 8; i++) {
			json.append(i > 0 ? "," : "")
				.append("{\"id\":")
				.append(i)
				.append(",\"name\":\"customer ")
				.append(i)
				.append("\",\"credit_card\":\"5500000000000")
				.append(100 + i)
				.append("\",\"active\":true}");
		}
		json.append("],\"page\":{\"number\":1,\"size\":8,\"total\":42}}");
		this.body = json.toString().replace("\n", "").getBytes(StandardCharsets.UTF_8);
		if (this.body.length < 900 || this.body.length > 1200) {
			throw new IllegalStateException("Body should be about 1 KB, is " + this.body.length + " bytes");
		}
	}

	@Benchmark
	public String recordWithoutRedaction() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Benchmark
	public String redactFourJsonPaths() {
		return this.redactor.redact(new String(this.body, StandardCharsets.UTF_8)).body();
	}

}
