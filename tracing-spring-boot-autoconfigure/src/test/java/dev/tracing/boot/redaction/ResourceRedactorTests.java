package dev.tracing.boot.redaction;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceRedactorTests {

	private static final Resource RESOURCE = Resource.create(Attributes.builder()
		.put("service.name", "order-service")
		.put("process.pid", 42L)
		.put(ResourceRedactor.COMMAND_ARGS, List.of("java", "--spring.datasource.password=pg-secret", "--debug"))
		.put(ResourceRedactor.COMMAND_LINE, "java --spring.datasource.password=pg-secret --debug")
		.put("deployment.owner", "ops@example.com")
		.put("vault.token", "s.abcdef")
		.build(), "https://opentelemetry.io/schemas/1.37.0");

	@Test
	void leavesTheCommandLineOutByDefaultAndMasksTheOtherAttributes() {
		Resource redacted = redactor().redact(RESOURCE);
		assertThat(redacted.getAttributes().get(ResourceRedactor.COMMAND_ARGS)).isNull();
		assertThat(redacted.getAttributes().get(ResourceRedactor.COMMAND_LINE)).isNull();
		assertThat(redacted.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("order-service");
		assertThat(redacted.getAttribute(AttributeKey.longKey("process.pid"))).isEqualTo(42L);
		assertThat(redacted.getAttribute(AttributeKey.stringKey("deployment.owner"))).isEqualTo("***@***.**");
		assertThat(redacted.getAttribute(AttributeKey.stringKey("vault.token"))).isEqualTo("[REDACTED]");
		assertThat(redacted.getSchemaUrl()).isEqualTo(RESOURCE.getSchemaUrl());
	}

	@Test
	void keepsTheCommandLineMaskedWhenAskedTo() {
		Resource redacted = redactor("tracing.redaction.command-line", "mask").redact(RESOURCE);
		assertThat(redacted.getAttributes().get(ResourceRedactor.COMMAND_ARGS))
			.containsExactly("java", "--spring.datasource.password=[REDACTED]", "--debug");
		assertThat(redacted.getAttributes().get(ResourceRedactor.COMMAND_LINE))
			.isEqualTo("java --spring.datasource.password=[REDACTED] --debug");
	}

	@Test
	void aCleanResourceIsReturnedAsItIs() {
		Resource clean = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "order-service"));
		assertThat(redactor().redact(clean)).isSameAs(clean);
	}

	private static ResourceRedactor redactor(String... keyValues) {
		RedactionProperties properties = RedactionPropertiesBinding.bind(keyValues);
		PiiMasker masker = PiiMasker.of(properties);
		return ResourceRedactor.of(SpanRedactor.of(masker, properties), masker, properties);
	}

}
