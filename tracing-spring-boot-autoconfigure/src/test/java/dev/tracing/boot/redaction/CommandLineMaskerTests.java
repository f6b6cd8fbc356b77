package dev.tracing.boot.redaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineMaskerTests {

	private final CommandLineMasker masker = new CommandLineMasker(
			RedactionPropertiesBinding.bind().sensitiveKeyMatcher(), RedactionPropertiesBinding.masker());

	@Test
	void masksValuesOfSensitiveOptionsAndKeepsTheRest() {
		assertThat(this.masker.mask(List.of("-Xmx512m", "-Dapp.api-key=k-123", "-Dfile.encoding=UTF-8", "-jar",
				"order-service.jar", "--spring.datasource.password=pg-secret", "--my.token=t-456",
				"--server.port=8080", "--password", "hunter2", "--verbose")))
			.containsExactly("-Xmx512m", "-Dapp.api-key=[REDACTED]", "-Dfile.encoding=UTF-8", "-jar",
					"order-service.jar", "--spring.datasource.password=[REDACTED]", "--my.token=[REDACTED]",
					"--server.port=8080", "--password", "[REDACTED]", "--verbose");
	}

	@Test
	void masksCredentialsAndSensitiveParametersInsideUrlsAndPersonalData() {
		assertThat(this.masker.mask(List.of("--spring.datasource.url=jdbc:postgresql://app:pg-pass@db:5432/orders",
				"--gateway=https://pay.example/charge?api_key=abc&currency=EUR", "--admin=alice@example.com")))
			.containsExactly("--spring.datasource.url=jdbc:postgresql://app:[REDACTED]@db:5432/orders",
					"--gateway=https://pay.example/charge?api_key=REDACTED&currency=EUR",
					"--admin=***@***.**");
	}

	@Test
	void masksAWholeCommandLine() {
		assertThat(this.masker.maskLine("java -Ddb.password=x -jar app.jar --token=y"))
			.isEqualTo("java -Ddb.password=[REDACTED] -jar app.jar --token=[REDACTED]");
	}

}
