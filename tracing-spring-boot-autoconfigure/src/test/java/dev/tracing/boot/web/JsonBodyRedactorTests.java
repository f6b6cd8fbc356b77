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
		assertThat(this.redactor.redact(json)).isEqualTo("{\"user\":{\"name\":\"Jo\",\"email\":\"[CLIENT_REDACTED]\","
				+ "\"addresses\":\"[CLIENT_REDACTED]\"},\"users\":[{\"id\":1,\"credit_card\":\"[CLIENT_REDACTED]\"},"
				+ "{\"id\":2,\"credit_card\":\"[CLIENT_REDACTED]\"},{\"id\":3}]}");
	}

	@Test
	void redactsAWholeObjectAndDeepScans() {
		JsonBodyRedactor objects = new JsonBodyRedactor(List.of("$.user.credit_card", "$..secret"));
		assertThat(objects.redact("{\"user\":{\"credit_card\":{\"number\":\"4111\",\"cvv\":\"123\"}},"
				+ "\"a\":{\"b\":{\"secret\":\"s\"}},\"secret\":[1,2]}"))
			.isEqualTo("{\"user\":{\"credit_card\":\"[CLIENT_REDACTED]\"},\"a\":{\"b\":{\"secret\":\"[CLIENT_REDACTED]\"}},"
					+ "\"secret\":\"[CLIENT_REDACTED]\"}");
	}

	@Test
	void leavesDocumentsWithoutTheFieldsAsTheyWereAndKeepsFieldOrder() {
		assertThat(this.redactor.redact("{\"z\":1,\"a\":\"x\",\"m\":[true,null]}"))
			.isEqualTo("{\"z\":1,\"a\":\"x\",\"m\":[true,null]}");
		assertThat(this.redactor.redact("[{\"user\":{\"email\":\"e\"}}]")).isEqualTo("[{\"user\":{\"email\":\"e\"}}]");
	}

	@Test
	void keepsEscapesValid() {
		assertThat(this.redactor.redact("{\"note\":\"a \\\"quote\\\" \\n é / </x>\"}"))
			.isEqualTo("{\"note\":\"a \\\"quote\\\" \\n é / </x>\"}");
	}

	@Test
	void refusesEverythingThatIsNotStrictCompleteJson() {
		assertThat(this.redactor.redact("{\"user\":{\"email\":\"e@x\"}")).isNull();
		assertThat(this.redactor.redact("{user:{email:\"e@x\"}}")).isNull();
		assertThat(this.redactor.redact("{'user':{'email':'e@x'}}")).isNull();
		assertThat(this.redactor.redact("{\"a\":1,}")).isNull();
		assertThat(this.redactor.redact("{\"a\":1} trailing")).isNull();
		assertThat(this.redactor.redact("{\"a\":1}{\"b\":2}")).isNull();
		assertThat(this.redactor.redact("email=e@x&password=p")).isNull();
		assertThat(this.redactor.redact("\"just a string\"")).isNull();
		assertThat(this.redactor.redact("42")).isNull();
		assertThat(this.redactor.redact("")).isNull();
	}

	@Test
	void survivesHostileNesting() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThat(this.redactor.redact(deep)).isNull();
	}

}
