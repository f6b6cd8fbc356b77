package dev.tracing.boot;

import java.util.Map;

import dev.tracing.boot.testsupport.TracedApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every kind of bad tracing configuration stops start-up with Spring Boot's failure report
 * naming the property, the bad value and what to do instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationFailureAnalysisTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			tracing.sampling.ratio                  | 1.5            | tracing.sampling.ratio                  | Invalid value '1.5'            | between 0.0 and 1.0
			tracing.sampling.ratio                  | -0.1           | tracing.sampling.ratio                  | Invalid value '-0.1'           | between 0.0 and 1.0
			tracing.web.excluded-urls               | /health,/api/( | tracing.web.excluded-urls[1]            | Invalid value '/api/('         | regular expression
			tracing.exporter.endpoint               | localhost:4318 | tracing.exporter.endpoint               | Invalid value 'localhost:4318' | http://localhost:4318
			tracing.exporter.endpoint               | http://        | tracing.exporter.endpoint               | Invalid value 'http://'        | http://localhost:4318
			tracing.exporter.protocol               | http/json      | tracing.exporter.protocol               | "http/json"                    | GRPC
			tracing.exporter.type                   | jaeger         | tracing.exporter.type                   | "jaeger"                       | LOGGING
			tracing.sampling.header-rules[0].header | tracestate     | tracing.sampling.header-rules[0].value  | Missing value                  | exactly one of value or pattern
			tracing.sampling.header-rules[0].value  | checkly=true   | tracing.sampling.header-rules[0].header | Missing value                  | header name is required
			tracing.batch.max-export-batch-size     | 4096           | tracing.batch.max-export-batch-size     | Invalid value '4096'           | at most tracing.batch.max-queue-size
			tracing.exporter.timeout                | 0s             | tracing.exporter.timeout                | Invalid value 'PT0S'           | positive duration
			tracing.web.redact-headers              | x-secret       | tracing.web.redact-headers              | Invalid value 'x-secret'       | tracing.redaction.sensitive-keys
			tracing.redaction.sensitive-keys        | *password*,**  | tracing.redaction.sensitive-keys[1]     | Invalid value '**'             | *token*
			""")
	void startupFailsWithAReportNamingPropertyValueAndFix(String property, String value, String reported,
			String reportedValue, String hint, CapturedOutput output) {
		assertThatException().isThrownBy(() -> TracedApplication.run(Map.of(property, value)).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(reported)
			.contains(reportedValue)
			.contains("Action:")
			.contains(hint);
	}

	@Test
	void invalidHeaderRulePatternIsReportedWithTheRegexError(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TracedApplication
			.run(Map.of("tracing.sampling.header-rules[0].header", "tracestate",
					"tracing.sampling.header-rules[0].pattern", "checkly=("))
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'checkly=(' for property 'tracing.sampling.header-rules[0].pattern'")
			.contains("Unclosed group");
	}

}
