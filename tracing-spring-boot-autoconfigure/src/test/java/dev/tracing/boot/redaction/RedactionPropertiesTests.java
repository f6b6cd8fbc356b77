package dev.tracing.boot.redaction;

import dev.tracing.boot.InvalidTracingPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static dev.tracing.boot.redaction.RedactionPropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedactionPropertiesTests {

	@Test
	void defaultsSwitchEveryDetectorOnWithItsOwnReplacement() {
		RedactionProperties properties = bind();
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.email()).isEqualTo(new RedactionProperties.Email(true, "***@***.**"));
		assertThat(properties.phone()).isEqualTo(new RedactionProperties.Phone(true, "***-***-****"));
		assertThat(properties.paymentCard())
			.isEqualTo(new RedactionProperties.PaymentCard(true, "****-****-****-****"));
		assertThat(properties.bearerToken()).isEqualTo(new RedactionProperties.BearerToken(true, "Bearer ****"));
		assertThat(properties.jwt()).isEqualTo(new RedactionProperties.Jwt(true, "***.***.***"));
		assertThat(properties.patterns()).isEmpty();
		assertThat(properties.dropAttributes()).isEmpty();
		assertThat(properties.exemptAttributes()).isEmpty();
	}

	@Test
	void patternReplacementDefaultsToStars() {
		RedactionProperties properties = bind("tracing.redaction.patterns[0].regex", "CUST-\\d+");
		assertThat(properties.patterns().get(0).replacement()).isEqualTo("****");
	}

	@Test
	void invalidRegexFailsNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind("tracing.redaction.patterns[0].regex", "CUST-\\d{6}",
					"tracing.redaction.patterns[1].regex", "(unclosed"))
			.satisfies((bindFailure) -> assertThat(invalidProperty(bindFailure)).satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("tracing.redaction.patterns[1].regex");
				assertThat(ex.getValue()).isEqualTo("(unclosed");
				assertThat(ex.getMessage()).contains("not a valid regular expression");
				assertThat(ex.getFix()).contains("escape each backslash");
			}));
	}

	private static InvalidTracingPropertyException invalidProperty(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidTracingPropertyException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidTracingPropertyException in " + failure);
	}

	@Test
	void patternWithoutRegexFails() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind("tracing.redaction.patterns[0].name", "customer-id"))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidTracingPropertyException.class,
					(ex) -> assertThat(ex.getProperty()).isEqualTo("tracing.redaction.patterns[0].regex"));
	}

	@Test
	void regexMatchingTheEmptyStringFails() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind("tracing.redaction.patterns[0].regex", "\\d*"))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidTracingPropertyException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("tracing.redaction.patterns[0].regex");
				assertThat(ex.getMessage()).contains("matches the empty string");
			});
	}

	@Test
	void wildcardOnlyAllowedAtTheEndOfAnAttributeKey() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind("tracing.redaction.drop-attributes", "enduser.id,http.*.header"))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidTracingPropertyException.class,
					(ex) -> assertThat(ex.getProperty()).isEqualTo("tracing.redaction.drop-attributes[1]"));
		assertThat(bind("tracing.redaction.exempt-attributes", " order.id , http.request.header.* ").exemptAttributes())
			.containsExactly("order.id", "http.request.header.*");
	}

}
