package dev.tracing.boot.redaction;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.incubating.ProcessIncubatingAttributes;

/**
 * Produces the resource that may leave the process, once, when the SDK is built: every
 * resource attribute passes the same masking as span attributes, and the command line (where
 * secrets are often passed: {@code --spring.datasource.password=...}) is left out, or kept
 * masked with {@code tracing.redaction.command-line=mask}.
 */
public final class ResourceRedactor {

	static final AttributeKey<List<String>> COMMAND_ARGS = ProcessIncubatingAttributes.PROCESS_COMMAND_ARGS;

	static final AttributeKey<String> COMMAND_LINE = ProcessIncubatingAttributes.PROCESS_COMMAND_LINE;

	private final SpanRedactor attributes;

	private final CommandLineMasker commandLine;

	/**
	 * @param attributes masks the attributes as in spans
	 * @param commandLine masks the command line, or {@code null} to leave it out
	 */
	ResourceRedactor(SpanRedactor attributes, CommandLineMasker commandLine) {
		this.attributes = attributes;
		this.commandLine = commandLine;
	}

	/** The redactor that {@code tracing.redaction.*} describes. */
	public static ResourceRedactor of(SpanRedactor attributes, SensitiveDataMasker masker,
			RedactionProperties properties) {
		CommandLineMasker commandLine = (properties.commandLine() == RedactionProperties.CommandLine.MASK)
				? new CommandLineMasker(properties.sensitiveKeyMatcher(), masker) : null;
		return new ResourceRedactor(attributes, commandLine);
	}

	/** The resource as it may be exported. */
	public Resource redact(Resource resource) {
		Attributes original = resource.getAttributes();
		List<String> arguments = original.get(COMMAND_ARGS);
		String line = original.get(COMMAND_LINE);
		Attributes withoutCommandLine = (arguments != null || line != null)
				? original.toBuilder().remove(COMMAND_ARGS).remove(COMMAND_LINE).build() : original;
		io.opentelemetry.api.common.AttributesBuilder redacted = this.attributes.redact(withoutCommandLine)
			.toBuilder();
		if (this.commandLine != null) {
			if (arguments != null) {
				redacted.put(COMMAND_ARGS, this.commandLine.mask(arguments));
			}
			if (line != null) {
				redacted.put(COMMAND_LINE, this.commandLine.maskLine(line));
			}
		}
		Attributes result = redacted.build();
		if (result.equals(original)) {
			return resource;
		}
		return Resource.create(result, resource.getSchemaUrl());
	}

	@Override
	public String toString() {
		return "ResourceRedactor{commandLine=" + ((this.commandLine != null) ? "masked" : "omitted") + "}";
	}

}
