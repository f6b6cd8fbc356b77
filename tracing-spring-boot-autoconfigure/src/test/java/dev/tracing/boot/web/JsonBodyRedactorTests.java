package dev.tracing.boot.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyRedactorTests {

	private final JsonBodyRedactor redactor = new JsonBodyRedactor(
			List.of("$.user.email", "$.users[*].credit_card", "$.user.addresses", "$..secret"));

	@Test
	void redactsAFieldAFieldInEveryArrayElementAndAWholeArray() {
		String json = """
				{"user":{"name":"Jo","email":"jo@example.com","addresses":[{"zip":"1"},{"zip":"2"}]},
				 "users":[{"id":1,"credit_card":"4111"},{"id":2,"credit_card":"5500"},{"id":3}]}""";
		assertThat(redacted(this.redactor, json)).isEqualTo("""
				{"user":{"name":"Jo","email":"[CLIENT_REDACTED]","addresses":"[CLIENT_REDACTED]"},
				 "users":[{"id":1,"credit_card":"[CLIENT_REDACTED]"},{"id":2,"credit_card":"[CLIENT_REDACTED]"},{"id":3}]}""");
	}

	@Test
	void redactsAWholeObjectAndDeepScans() {
		JsonBodyRedactor objects = new JsonBodyRedactor(List.of("$.user.credit_card", "$..secret"));
		assertThat(redacted(objects, "{\"user\":{\"credit_card\":{\"number\":\"4111\",\"cvv\":\"123\"}},"
				+ "\"a\":{\"b\":{\"secret\":\"s\"}},\"secret\":[1,2]}"))
			.isEqualTo("{\"user\":{\"credit_card\":\"[CLIENT_REDACTED]\"},\"a\":{\"b\":{\"secret\":\"[CLIENT_REDACTED]\"}},"
					+ "\"secret\":\"[CLIENT_REDACTED]\"}");
	}

	@Test
	void leavesDocumentsWithoutTheFieldsAsTheyWereAndKeepsFieldOrder() {
		assertThat(redacted(this.redactor, "{\"z\":1,\"a\":\"x\",\"m\":[true,null]}"))
			.isEqualTo("{\"z\":1,\"a\":\"x\",\"m\":[true,null]}");
		assertThat(redacted(this.redactor, "[{\"user\":{\"email\":\"e\"}}]")).isEqualTo("[{\"user\":{\"email\":\"e\"}}]");
	}

	@Test
	void keepsEscapesValid() {
		assertThat(redacted(this.redactor, "{\"note\":\"a \\\"quote\\\" \\n é / </x>\"}"))
			.isEqualTo("{\"note\":\"a \\\"quote\\\" \\n é / </x>\"}");
	}

	@Test
	void keepsEveryValueItDoesNotRedactExactlyAsWritten() {
		JsonBodyRedactor passwords = new JsonBodyRedactor(List.of("$.password"));
		String json = """
				{
				  "price": 1.00,
				  "total": 1234567890123456789012345.000100,
				  "id": 9007199254740993,
				  "ratio": 1E+2, "tiny": -0.0e-7, "zero": -0,
				  "text": "caf\\u00e9 \\/ \\ud83d\\ude00 \\t",
				  "password" : "hunter2",
				  "tags": [ 1.50 , 2.0 ]
				}
				""";
		assertThat(redacted(passwords, json)).isEqualTo(json.replace("\"hunter2\"", "\"[CLIENT_REDACTED]\""));
	}

	@Test
	void anEnclosingValueRedactedAfterAnInnerOneReplacesItWhole() {
		JsonBodyRedactor nested = new JsonBodyRedactor(List.of("$.user.email", "$.user", "$..email"));
		assertThat(redacted(nested, "{\"user\": {\"email\": \"e@x\", \"name\": \"n\"}, \"email\": \"f@x\"}"))
			.isEqualTo("{\"user\": \"[CLIENT_REDACTED]\", \"email\": \"[CLIENT_REDACTED]\"}");
	}

	@Test
	void filtersSeeTheParsedValues() {
		JsonBodyRedactor filtered = new JsonBodyRedactor(List.of("$.users[?(@.id > 1)].card"));
		assertThat(redacted(filtered, "{\"users\":[{\"id\":1,\"card\":\"a\"},{\"id\":2,\"card\":\"b\"}]}"))
			.isEqualTo("{\"users\":[{\"id\":1,\"card\":\"a\"},{\"id\":2,\"card\":\"[CLIENT_REDACTED]\"}]}");
	}

	@Test
	void matchesNamesWrittenWithEscapes() {
		JsonBodyRedactor passwords = new JsonBodyRedactor(List.of("$.password"));
		assertThat(redacted(passwords, "{\"pass\\u0077ord\":\"hunter2\"}"))
			.isEqualTo("{\"pass\\u0077ord\":\"[CLIENT_REDACTED]\"}");
	}

	@Test
	void aFieldPathDoesNotReachIntoATopLevelArrayButADeepScanOrAWildcardDoes() {
		String json = "[{\"password\":\"a\"},{\"password\":\"b\"}]";
		assertThat(redacted(new JsonBodyRedactor(List.of("$.password")), json)).isEqualTo(json);
		String expected = "[{\"password\":\"[CLIENT_REDACTED]\"},{\"password\":\"[CLIENT_REDACTED]\"}]";
		assertThat(redacted(new JsonBodyRedactor(List.of("$..password")), json)).isEqualTo(expected);
		assertThat(redacted(new JsonBodyRedactor(List.of("$[*].password")), json)).isEqualTo(expected);
	}

	@Test
	void theRootPathRedactsTheWholeDocument() {
		assertThat(redacted(new JsonBodyRedactor(List.of("$")), "{\"a\":1}")).isEqualTo("\"[CLIENT_REDACTED]\"");
		assertThat(new JsonBodyRedactor(List.of("$")).redact("{\"a\":").refusal()).isEqualTo("invalid-json");
	}

	@Test
	void refusesEverythingThatIsNotStrictCompleteJson() {
		for (String invalid : List.of("{\"user\":{\"email\":\"e@x\"}", "{user:{email:\"e@x\"}}",
				"{'user':{'email':'e@x'}}", "{\"a\":1,}", "[1,]", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
				"email=e@x&password=p", "\"just a string\"", "42", "", "   ", "{\"a\":01}", "{\"a\":1.}",
				"{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":tru}",
				"{\"a\":\"\\x\"}", "{\"a\":\"\\u00g1\"}", "{\"a\":\"\\u１２３４\"}", "{\"a\":\"tab\there\"}",
				"{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1 2]", "{,}", "[,1]", "{\"a\":[1}", "{\"a\":1]", "\u00a0{}")) {
			assertThat(this.redactor.redact(invalid).refusal()).as(invalid).isEqualTo("invalid-json");
		}
	}

	@Test
	void refusesAnObjectThatNamesAMemberTwice() {
		// A path would see one of the values only: the other could leak.
		JsonBodyRedactor emails = new JsonBodyRedactor(List.of("$.user.email"));
		assertThat(emails.redact("{\"user\":{\"email\":\"e@x\"},\"user\":\"u\"}").refusal()).isEqualTo("duplicate-key");
		assertThat(emails.redact("[{\"a\":1,\"a\":2}]").refusal()).isEqualTo("duplicate-key");
		assertThat(emails.redact("{\"a\":1,\"b\":{\"a\":2}}").isRedacted()).isTrue();
	}

	@Test
	void aValidDocumentNestedTooDeepIsRefusedAsTooDeep() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThat(this.redactor.redact(deep).refusal()).isEqualTo("too-deep");
		String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
		assertThat(this.redactor.redact(deepObjects).refusal()).isEqualTo("too-deep");
		// Too deep and also broken, past the depth limit: the true reason is that it is invalid.
		String broken = "[".repeat(10_000) + "1,]" + "]".repeat(9_999);
		assertThat(this.redactor.redact(broken).refusal()).isEqualTo("invalid-json");
		assertThat(this.redactor.redact("[".repeat(10_000)).refusal()).isEqualTo("invalid-json");
	}

	@Test
	void redactsAtTheDeepestNestingItAccepts() throws InterruptedException {
		int depth = PositionedJson.MAX_DEPTH;
		String json = "{\"secret\":".repeat(depth - 1) + "{\"secret\":\"s\"}" + "}".repeat(depth - 1);
		// A deep scan walks the document recursively: it must fit a small thread stack.
		String[] result = new String[1];
		Thread thread = new Thread(null, () -> result[0] = this.redactor.redact(json).body(), "small-stack",
				256 * 1024);
		thread.start();
		thread.join();
		assertThat(result[0]).isEqualTo("{\"secret\":\"[CLIENT_REDACTED]\"}");
		String onePastTheLimit = "[" + "[".repeat(depth) + "]".repeat(depth) + "]";
		assertThat(this.redactor.redact(onePastTheLimit).refusal()).isEqualTo("too-deep");
		assertThat(this.redactor.redact("[".repeat(depth) + "]".repeat(depth)).isRedacted()).isTrue();
	}

	private static String redacted(JsonBodyRedactor redactor, String json) {
		JsonBodyRedactor.Result result = redactor.redact(json);
		assertThat(result.refusal()).as("refusal").isNull();
		return result.body();
	}

}
