package dev.tracing.boot.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveParameterRedactorTests {

	private final SensitiveParameterRedactor redactor = new SensitiveParameterRedactor(
			List.of("password", "api_key", "token"));

	@Test
	void redactsValuesOfSensitiveParametersOnly() {
		assertThat(this.redactor.redact("user=bob&password=s3cret&remember=1"))
			.isEqualTo("user=bob&password=REDACTED&remember=1");
		assertThat(this.redactor.redact("token=a&token=b")).isEqualTo("token=REDACTED&token=REDACTED");
		assertThat(this.redactor.redact("api%5Fkey=k")).isEqualTo("api%5Fkey=REDACTED");
	}

	@Test
	void leavesOtherFormsUntouched() {
		assertThat(this.redactor.redact("user=bob&passwords=x&flag&=v&")).isEqualTo("user=bob&passwords=x&flag&=v&");
		assertThat(this.redactor.redact("")).isEmpty();
	}

}
