package dev.tracing.boot.redaction;

import org.junit.jupiter.api.Test;

import static dev.tracing.boot.redaction.TextFeatures.AT_SIGN;
import static dev.tracing.boot.redaction.TextFeatures.BEARER;
import static dev.tracing.boot.redaction.TextFeatures.CARD_DIGITS_RUN;
import static dev.tracing.boot.redaction.TextFeatures.JWT_START;
import static dev.tracing.boot.redaction.TextFeatures.PHONE_DIGITS_RUN;
import static org.assertj.core.api.Assertions.assertThat;

class TextFeaturesTests {

	private static final int ALL = AT_SIGN | PHONE_DIGITS_RUN | CARD_DIGITS_RUN | JWT_START | BEARER;

	@Test
	void ordinaryValuesHaveNoFeatures() {
		assertThat(TextFeatures.of("GET /api/orders/{id}", ALL)).isZero();
		assertThat(TextFeatures.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.0.0", ALL)).isZero();
		assertThat(TextFeatures.of("12:34:56.789 build 1234567", ALL)).isZero();
	}

	@Test
	void aDateIsACandidateThatThePhoneDetectorThenRejects() {
		assertThat(TextFeatures.of("2024-06-10T12:34:56Z", ALL)).isEqualTo(PHONE_DIGITS_RUN);
	}

	@Test
	void findsEachFeature() {
		assertThat(TextFeatures.of("a@b", ALL)).isEqualTo(AT_SIGN);
		assertThat(TextFeatures.of("a%40b", ALL)).isEqualTo(AT_SIGN);
		assertThat(TextFeatures.of("x eyJhbGci", ALL)).isEqualTo(JWT_START);
		assertThat(TextFeatures.of("BeArEr x", ALL)).isEqualTo(BEARER);
		assertThat(TextFeatures.of("(415) 555-0132", ALL)).isEqualTo(PHONE_DIGITS_RUN);
		assertThat(TextFeatures.of("%2B44%2020%207946%200958", ALL)).isEqualTo(PHONE_DIGITS_RUN);
		assertThat(TextFeatures.of("4111 1111 1111 1111", ALL)).isEqualTo(PHONE_DIGITS_RUN | CARD_DIGITS_RUN);
	}

	@Test
	void reportsOnlyWantedFeatures() {
		assertThat(TextFeatures.of("a@b 4111 1111 1111 1111", JWT_START | BEARER)).isZero();
		assertThat(TextFeatures.of("a@b 4111 1111 1111 1111", AT_SIGN)).isEqualTo(AT_SIGN);
	}

}
