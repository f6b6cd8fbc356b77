package dev.tracing.boot.redaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveKeysTests {

	private final SensitiveKeys defaults = RedactionPropertiesBinding.bind().sensitiveKeyMatcher();

	@Test
	void defaultsCoverTheUsualNamesOfSecrets() {
		assertThat(List.of("password", "userPassword", "PASSWD", "pwd", "client_secret", "apiToken",
				"x-refresh-token", "api_key", "X-API-KEY", "apikey", "AWSAccessKeyId", "private_key",
				"X-Amz-Credential", "JSESSIONID", "session_id", "credit_card", "cardNumber", "cvv", "CVC", "ssn",
				"Authorization", "proxy-authorization", "Cookie", "set-cookie", "X-Amz-Signature", "sig", "key",
				"auth"))
			.allSatisfy((name) -> assertThat(this.defaults.matches(name)).as(name).isTrue());
	}

	@Test
	void defaultsLeaveOrdinaryNamesAlone() {
		assertThat(List.of("user", "email", "order_id", "amount", "page", "q", "keyboard", "author", "monkey",
				"cvvs", "ssn_last_digits", "signed", "content-type", "user-agent", "x-request-id"))
			.allSatisfy((name) -> assertThat(this.defaults.matches(name)).as(name).isFalse());
	}

	@Test
	void wildcardsAnchorWhereTheyAreAbsent() {
		SensitiveKeys keys = new SensitiveKeys(List.of("pin", "*_key", "secret_*", "a*b*c"));
		assertThat(keys.matches("PIN")).isTrue();
		assertThat(keys.matches("pincode")).isFalse();
		assertThat(keys.matches("signing_key")).isTrue();
		assertThat(keys.matches("signing_keys")).isFalse();
		assertThat(keys.matches("Secret_Sauce")).isTrue();
		assertThat(keys.matches("top_secret_sauce")).isFalse();
		assertThat(keys.matches("aXXbYYc")).isTrue();
		assertThat(keys.matches("aXXcYYb")).isFalse();
		assertThat(keys.matches("abc")).isTrue();
	}

	@Test
	void matchesARegionInPlace() {
		String query = "page=2&apiToken=x";
		assertThat(this.defaults.matches(query, 0, 4)).isFalse();
		assertThat(this.defaults.matches(query, 7, 15)).isTrue();
	}

	@Test
	void attributeKeysMatchWholeAndCapturedHeadersByTheirName() {
		assertThat(this.defaults.matchesAttributeKey("http.request.header.x-api-key")).isTrue();
		assertThat(this.defaults.matchesAttributeKey("http.response.header.set-cookie")).isTrue();
		assertThat(this.defaults.matchesAttributeKey("user.password")).isTrue();
		assertThat(this.defaults.matchesAttributeKey("session.id")).isTrue();
		assertThat(this.defaults.matchesAttributeKey("http.request.header.cookie")).isTrue();
		assertThat(this.defaults.matchesAttributeKey("messaging.kafka.message.key")).isFalse();
		assertThat(this.defaults.matchesAttributeKey("cache.key")).isFalse();
		assertThat(this.defaults.matchesAttributeKey("http.request.header.x-request-id")).isFalse();
		assertThat(this.defaults.matchesAttributeKey("url.query")).isFalse();
		assertThat(this.defaults.matchesAttributeKey("db.query.text")).isFalse();
		assertThat(this.defaults.matchesAttributeKey("http.request.method")).isFalse();
		assertThat(SensitiveKeys.NONE.matchesAttributeKey("user.password")).isFalse();
	}

}
