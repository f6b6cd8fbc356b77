package dev.tracing.boot.redaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveJsonFieldsTests {

	private final SensitiveJsonFields fields = new SensitiveJsonFields(RedactionPropertiesBinding.bind()
		.sensitiveKeyMatcher());

	@Test
	void masksSensitiveFieldsAtAnyDepthAndKeepsEverythingElseAsWritten() {
		String json = """
				{"user": {"name": "Alice", "password": "hunter2",
				  "cards": [{"number": "4111 1111 1111 1111", "cvv": 123}]},
				 "api_key":"k-1", "total": 1.00, "big": 12345678901234567890, "note": "secret stuff"}""";
		assertThat(this.fields.mask(json)).isEqualTo("""
				{"user": {"name": "Alice", "password": "[REDACTED]",
				  "cards": [{"number": "[REDACTED]", "cvv": "[REDACTED]"}]},
				 "api_key":"[REDACTED]", "total": 1.00, "big": 12345678901234567890, "note": "secret stuff"}""");
	}

	@Test
	void masksNestedValuesOfFieldsInsideArraysOfObjects() {
		assertThat(this.fields.mask("[{\"id\":1,\"sessionToken\":\"t1\"},{\"id\":2,\"sessionToken\":-7.5e3}]"))
			.isEqualTo("[{\"id\":1,\"sessionToken\":\"[REDACTED]\"},{\"id\":2,\"sessionToken\":\"[REDACTED]\"}]");
	}

	@Test
	void keepsTheStructureUnderASensitiveFieldAndWhatSaysNothingSecret() {
		assertThat(this.fields.mask("{\"session\":{\"token\":\"t\",\"ttl\":60,\"ids\":[1,\"b\"],\"sticky\":true,"
				+ "\"last\":null,\"user\":{\"id\":7}},\"order\":{\"id\":8}}"))
			.isEqualTo("{\"session\":{\"token\":\"[REDACTED]\",\"ttl\":\"[REDACTED]\",\"ids\":[\"[REDACTED]\",\"[REDACTED]\"],"
					+ "\"sticky\":true,\"last\":null,\"user\":{\"id\":\"[REDACTED]\"}},\"order\":{\"id\":8}}");
	}

	@Test
	void aStringValueThatLooksLikeANameIsNotAName() {
		String json = "{\"label\":\"password\",\"items\":[\"token\",\"cvv\"]}";
		assertThat(this.fields.mask(json)).isSameAs(json);
	}

	@Test
	void escapedNamesAndQuotesInsideStringsAreHandled() {
		assertThat(this.fields.mask("{\"pass\\u0077ord\":\"x\\\"y\",\"q\":\"a\\\"b\"}"))
			.isEqualTo("{\"pass\\u0077ord\":\"[REDACTED]\",\"q\":\"a\\\"b\"}");
	}

	@Test
	void aBodyCutOffInsideASensitiveValueIsMaskedToTheEnd() {
		assertThat(this.fields.mask("{\"a\":1,\"password\":\"hunter")).isEqualTo("{\"a\":1,\"password\":\"[REDACTED]\"");
		assertThat(this.fields.mask("{\"a\":1,\"secret\":{\"x\":[1,2"))
			.isEqualTo("{\"a\":1,\"secret\":{\"x\":[\"[REDACTED]\",\"[REDACTED]\"");
	}

	@Test
	void malformedAndDeeplyNestedTextNeverFails() {
		assertThat(this.fields.mask("not json at all")).isEqualTo("not json at all");
		assertThat(this.fields.mask("}}]]{\"token\":")).isEqualTo("}}]]{\"token\":");
		String deep = "[".repeat(100_000) + "{\"token\":\"t\"}" + "]".repeat(100_000);
		assertThat(this.fields.mask(deep)).contains("{\"token\":\"[REDACTED]\"}").doesNotContain("\"t\"");
	}

	@Test
	void nothingToMaskReturnsTheSameInstance() {
		String json = "{\"order_id\":\"ORD-1\",\"amount\":10.50}";
		assertThat(this.fields.mask(json)).isSameAs(json);
		assertThat(new SensitiveJsonFields(SensitiveKeys.NONE).mask("{\"password\":\"x\"}"))
			.isEqualTo("{\"password\":\"x\"}");
		assertThat(new SensitiveJsonFields(new SensitiveKeys(List.of("pin"))).mask("{\"pin\":\"[REDACTED]\"}"))
			.isEqualTo("{\"pin\":\"[REDACTED]\"}");
	}

}
