package dev.tracing.boot.redaction;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tracing.boot.redaction.RedactionPropertiesBinding.masker;
import static org.assertj.core.api.Assertions.assertThat;

class PiiMaskerTests {

	private final PiiMasker masker = masker();

	@ParameterizedTest
	@ValueSource(strings = { "GET", "/api/orders/{id}", "/api/orders/12345", "orders.internal", "http",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
			"ORD-2024-000123", "149.99", "2024-06-10T12:34:56.789Z", "2024-06-10 12:34:56", "1718022896", "1718022896000",
			"1718022896000123456", "4bf92f3577b34da6a3ce929d0e0e4736", "550e8400-e29b-41d4-a716-446655440000",
			"10.0.0.12", "192.168.100.200", "SELECT * FROM orders WHERE id = ?", "postgres@localhost",
			"at com.example.orders@1.0/com.example.OrderService.place(OrderService.java:42)", "1234567890123456",
			"4111111111111112", "12:34:56+02:00", "v1.2.3-rc.4", "ISBN 978-3-16-148410-0", "+33", "bearer",
			"eyJ", "price: 1 299.00 EUR" })
	void leavesValuesWithoutPersonalDataUntouched(String value) {
		assertThat(this.masker.mask(value)).isSameAs(value);
	}

	@Test
	void nullAndEmptyAreReturnedAsTheyAre() {
		assertThat(this.masker.mask(null)).isNull();
		String empty = new String();
		assertThat(this.masker.mask(empty)).isSameAs(empty);
	}

	@Nested
	class Email {

		@ParameterizedTest
		@ValueSource(strings = { "alice@example.com", "alice.smith+orders@mail.example.co.uk", "a_b-c%d@sub-domain.example.io" })
		void masksAddresses(String address) {
			assertThat(masker.mask(address)).isEqualTo("***@***.**");
			assertThat(masker.mask("<" + address + ">")).isEqualTo("<***@***.**>");
		}

		@Test
		void masksEveryAddressInContext() {
			assertThat(masker.mask("{\"to\":\"alice@example.com\",\"cc\":[\"bob@example.org\"]}"))
				.isEqualTo("{\"to\":\"***@***.**\",\"cc\":[\"***@***.**\"]}");
			assertThat(masker.mask("mailto:alice@example.com?subject=hi")).isEqualTo("mailto:***@***.**?subject=hi");
		}

		@Test
		void masksUrlEncodedAddresses() {
			assertThat(masker.mask("email=alice.smith%40example.com&orderId=ORD-1"))
				.isEqualTo("email=***@***.**&orderId=ORD-1");
		}

		@Test
		void leavesAtSignsThatAreNotAddressesAlone() {
			assertThat(masker.mask("@Traced on a method")).isEqualTo("@Traced on a method");
			assertThat(masker.mask("user@host:5432")).isEqualTo("user@host:5432");
			assertThat(masker.mask("user@example.c0m")).isEqualTo("user@example.c0m");
		}

		@Test
		void usesTheConfiguredReplacement() {
			assertThat(masker("tracing.redaction.email.replacement", "[email]").mask("to alice@example.com"))
				.isEqualTo("to [email]");
		}

		@Test
		void canBeSwitchedOff() {
			String value = "alice@example.com";
			assertThat(masker("tracing.redaction.email.enabled", "false").mask(value)).isSameAs(value);
		}

	}

	@Nested
	class Phone {

		@ParameterizedTest
		@ValueSource(strings = { "415-555-0132", "(415) 555-0132", "(415)555-0132", "415.555.0132", "415 555 0132",
				"1-415-555-0132", "+1 415 555 0132", "+1-415-555-0132", "+14155550132", "+44 20 7946 0958",
				"+49 (30) 1234 5678", "%2B44%2020%207946%200958", "%2B1+415-555-0132", "415+555+0132" })
		void masksNumbersWrittenLikePhoneNumbers(String number) {
			assertThat(masker.mask("call " + number + " now")).isEqualTo("call ***-***-**** now");
		}

		@Test
		void masksOnlyThePhoneNumberOfALongerRun() {
			assertThat(masker.mask("ref 99-415-555-0132")).isEqualTo("ref 99-***-***-****");
			assertThat(masker.mask("415-555-0132-77")).isEqualTo("***-***-****-77");
			assertThat(masker.mask("tel:1(415)555-0132;ext=1")).isEqualTo("tel:***-***-****;ext=1");
			assertThat(masker.mask("+44 20 7946 0958 1234 5678")).isEqualTo("***-***-**** 1234 5678");
		}

		@Test
		void masksNumbersInAQueryString() {
			assertThat(masker.mask("phone=415-555-0132&orderId=ORD-2024-000123"))
				.isEqualTo("phone=***-***-****&orderId=ORD-2024-000123");
		}

		@ParameterizedTest
		@ValueSource(strings = { "4155550132", "order 1234567890", "2024-06-10", "+1234567", "+1234567890123456",
				"12-345-6789", "1.2.3.4567" })
		void leavesOtherNumbersAlone(String value) {
			assertThat(masker.mask(value)).isSameAs(value);
		}

		@Test
		void canBeSwitchedOff() {
			String value = "415-555-0132";
			assertThat(masker("tracing.redaction.phone.enabled", "false").mask(value)).isSameAs(value);
		}

	}

	@Nested
	class PaymentCard {

		@ParameterizedTest
		@ValueSource(strings = { "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
				"378282246310005", "3782 822463 10005", "6011111111111117", "4222222222222", "2223003122003222",
				"4111111111111111003", "4111+1111+1111+1111", "4111%201111%201111%201111" })
		void masksCardNumbersThatPassTheLuhnCheck(String number) {
			assertThat(masker.mask("card " + number + ".")).isEqualTo("card ****-****-****-****.");
		}

		@Test
		void masksACardNextToOtherNumbers() {
			assertThat(masker.mask("order 1234 4111 1111 1111 1111 paid"))
				.isEqualTo("order 1234 ****-****-****-**** paid");
			assertThat(masker.mask("4111111111111111,5555555555554444"))
				.isEqualTo("****-****-****-****,****-****-****-****");
		}

		@ParameterizedTest
		@ValueSource(strings = { "4111111111111112", "1234567812345670", "1718022896000", "1718022896000123456",
				"41111111111111111111", "9111111111111111", "2024-06-10 1234 5678 9012", "4111 11 1111 1111 1111",
				"4111 1111-1111 1111", "4111%201111%201111%201112" })
		void leavesNumbersThatAreNotCardsAlone(String value) {
			assertThat(masker.mask(value)).isSameAs(value);
		}

		@ParameterizedTest
		@ValueSource(strings = { "txn_35398436846247a790c0ffee", "4111111111111111abc", "id4111111111111111",
				"0x4111111111111111f" })
		void leavesDigitsInsideIdentifiersAlone(String value) {
			assertThat(masker.mask(value)).isSameAs(value);
		}

		@Test
		void masksACardAfterAUrlEscapeOrPunctuation() {
			assertThat(masker.mask("/cards%2F4111111111111111")).isEqualTo("/cards%2F****-****-****-****");
			assertThat(masker.mask("txn_4111111111111111")).isEqualTo("txn_****-****-****-****");
			assertThat(masker.mask("card:4111111111111111;")).isEqualTo("card:****-****-****-****;");
		}

		@Test
		void canBeSwitchedOff() {
			String value = "4111 1111 1111 1111";
			assertThat(masker("tracing.redaction.payment-card.enabled", "false").mask(value)).isSameAs(value);
		}

	}

	@Nested
	class BearerToken {

		@ParameterizedTest
		@ValueSource(strings = { "Bearer 7f3c9a1e5b2d4c6f8a0e", "bearer abc.DEF-123_~+/==", "BEARER%20xyz123",
				"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig" })
		void masksTokens(String header) {
			assertThat(masker.mask(header)).isEqualTo("Bearer ****");
		}

		@Test
		void masksWhateverFollowsTheWordBecauseShortTokensAreTokensToo() {
			assertThat(masker.mask("Authorization: Bearer abc")).isEqualTo("Authorization: Bearer ****");
			assertThat(masker.mask("the bearer of this message")).isEqualTo("the Bearer **** this message");
		}

		@Test
		void leavesTheWordAloneWithoutAToken() {
			String value = "token type: bearer";
			assertThat(masker.mask(value)).isSameAs(value);
		}

		@Test
		void canBeSwitchedOff() {
			String value = "Bearer 7f3c9a1e5b2d4c6f8a0e";
			assertThat(masker("tracing.redaction.bearer-token.enabled", "false").mask(value)).isSameAs(value);
		}

	}

	@Nested
	class Jwt {

		private static final String TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
				+ ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

		@Test
		void masksTokensWhereverTheyAppear() {
			assertThat(masker.mask("token=" + TOKEN + "&page=2")).isEqualTo("token=***.***.***&page=2");
		}

		@Test
		void canBeSwitchedOff() {
			String value = "token=" + TOKEN;
			assertThat(masker("tracing.redaction.jwt.enabled", "false").mask(value)).isSameAs(value);
		}

	}

	@Nested
	class UserPatterns {

		@Test
		void masksWithTheUserPatternBeforeTheBuiltInDetectors() {
			PiiMasker masker = masker("tracing.redaction.patterns[0].name", "customer-id",
					"tracing.redaction.patterns[0].regex", "CUST-\\d{6}", "tracing.redaction.patterns[0].replacement",
					"CUST-******", "tracing.redaction.patterns[1].regex", "\\b\\d{3}-\\d{2}-\\d{4}\\b");
			assertThat(masker.mask("CUST-004211 ssn 123-45-6789 alice@example.com"))
				.isEqualTo("CUST-****** ssn **** ***@***.**");
		}

		@Test
		void treatsTheReplacementAsLiteralText() {
			PiiMasker masker = masker("tracing.redaction.patterns[0].regex", "(secret)-\\d+",
					"tracing.redaction.patterns[0].replacement", "$1 \\o/");
			assertThat(masker.mask("secret-42")).isEqualTo("$1 \\o/");
		}

		@Test
		void masksAValueEntirelyWhenThePatternOverflowsTheStack() {
			PiiMasker masker = masker("tracing.redaction.patterns[0].name", "recursive",
					"tracing.redaction.patterns[0].regex", "(a|b)*c");
			assertThat(masker.mask("a".repeat(200_000))).isEqualTo("****");
			assertThat(masker.mask("abc")).isEqualTo("****");
		}

		@Test
		void leavesUnmatchedValuesAsTheyAre() {
			PiiMasker masker = masker("tracing.redaction.patterns[0].regex", "CUST-\\d{6}");
			String value = "ORD-2024-000123";
			assertThat(masker.mask(value)).isSameAs(value);
		}

	}

	@Test
	void theDocumentedExampleWorks() {
		PiiMasker masker = masker("tracing.redaction.phone.replacement", "[phone]", "tracing.redaction.jwt.enabled",
				"false", "tracing.redaction.patterns[0].name", "customer-number", "tracing.redaction.patterns[0].regex",
				"\\bCUST-\\d{6}\\b", "tracing.redaction.patterns[0].replacement", "CUST-******",
				"tracing.redaction.patterns[1].name", "us-ssn", "tracing.redaction.patterns[1].regex",
				"\\b\\d{3}-\\d{2}-\\d{4}\\b", "tracing.redaction.patterns[2].name", "uk-phone",
				"tracing.redaction.patterns[2].regex", "\\b0\\d{2,4} ?\\d{3,4} ?\\d{4}\\b",
				"tracing.redaction.patterns[2].replacement", "***-***-****");
		assertThat(masker.mask("CUST-004211 ssn 123-45-6789 tel 020 7946 0958 or 415-555-0132 jwt eyJa.eyJb.c"))
			.isEqualTo("CUST-****** ssn **** tel ***-***-**** or [phone] jwt eyJa.eyJb.c");
	}

	@Test
	void withEveryDetectorOffNothingIsMasked() {
		PiiMasker masker = masker("tracing.redaction.email.enabled", "false", "tracing.redaction.phone.enabled",
				"false", "tracing.redaction.payment-card.enabled", "false", "tracing.redaction.bearer-token.enabled",
				"false", "tracing.redaction.jwt.enabled", "false");
		assertThat(masker.isEmpty()).isTrue();
		String value = "alice@example.com 415-555-0132 4111111111111111 Bearer abc";
		assertThat(masker.mask(value)).isSameAs(value);
	}

}
