package dev.tracing.boot.redaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveParametersTests {

	private final SensitiveParameters exactNames = new SensitiveParameters(
			new SensitiveKeys(List.of("password", "api_key", "token")));

	private final SensitiveParameters defaults = new SensitiveParameters(
			RedactionPropertiesBinding.bind().sensitiveKeyMatcher());

	@Test
	void redactsValuesOfSensitiveParametersOnly() {
		assertThat(this.exactNames.redact("user=bob&password=s3cret&remember=1"))
			.isEqualTo("user=bob&password=REDACTED&remember=1");
		assertThat(this.exactNames.redact("token=a&token=b")).isEqualTo("token=REDACTED&token=REDACTED");
		assertThat(this.exactNames.redact("api%5Fkey=k")).isEqualTo("api%5Fkey=REDACTED");
	}

	@Test
	void leavesOtherFormsUntouched() {
		String form = "user=bob&passwords=x&flag&=v&";
		assertThat(this.exactNames.redact(form)).isSameAs(form);
		assertThat(this.exactNames.redact("")).isEmpty();
	}

	@Test
	void matchesNamesByWildcardIgnoringCase() {
		assertThat(this.defaults.redact("apiToken=t1&X-Api-Key=k1&userPassword=p1&page=2&Session_Id=s1"))
			.isEqualTo("apiToken=REDACTED&X-Api-Key=REDACTED&userPassword=REDACTED&page=2&Session_Id=REDACTED");
		assertThat(this.defaults.redact("user%5Fpassword=p&q=shoes")).isEqualTo("user%5Fpassword=REDACTED&q=shoes");
	}

	@Test
	void redactsOnlyTheQueryOfAUrl() {
		assertThat(this.defaults.redactUrl("https://shop.example/pay?amount=10&access_token=abc#token=keep"))
			.isEqualTo("https://shop.example/pay?amount=10&access_token=REDACTED#token=keep");
		String clean = "https://shop.example/orders?page=2";
		assertThat(this.defaults.redactUrl(clean)).isSameAs(clean);
		String noQuery = "https://shop.example/password/reset";
		assertThat(this.defaults.redactUrl(noQuery)).isSameAs(noQuery);
	}

	@Test
	void keepsMalformedEncodingWithoutFailing() {
		assertThat(this.defaults.redact("bad%zzname=1&token=2")).isEqualTo("bad%zzname=1&token=REDACTED");
	}

}
