package dev.tracing.boot.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's property reference lists every {@code tracing.*} property that the
 * configuration processor generated metadata for, and every property it lists exists: docs
 * that match the code.
 */
class ReadmePropertyReferenceTests {

	@Test
	void readmeListsExactlyTheGeneratedProperties() throws IOException {
		List<String> generated = generatedPropertyNames();
		assertThat(generated).isNotEmpty();
		String readme = Files.readString(Path.of("..", "README.md"));
		String table = readme.substring(readme.indexOf("<!-- properties:start -->"),
				readme.indexOf("<!-- properties:end -->"));
		for (String property : generated) {
			assertThat(table).as("README property table").contains("`" + property + "`");
		}
		List<String> listed = new ArrayList<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\| `(tracing\\.[a-z0-9.\\-\\[\\]]+)`")
			.matcher(table);
		while (matcher.find()) {
			listed.add(matcher.group(1));
		}
		assertThat(generated).as("properties in the README table that do not exist").containsAll(listed);
	}

	@SuppressWarnings("unchecked")
	private static boolean isRemoved(Map<String, Object> property) {
		Object deprecation = property.get("deprecation");
		return deprecation instanceof Map<?, ?> map && "error".equals(map.get("level"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> generatedPropertyNames() throws IOException {
		try (InputStream metadata = ReadmePropertyReferenceTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			Map<String, Object> json = new ObjectMapper().readValue(metadata, Map.class);
			List<Map<String, Object>> properties = (List<Map<String, Object>>) json.get("properties");
			// Properties removed with an error-level deprecation are in the metadata for the IDE's
			// sake, not in the reference.
			return properties.stream()
				.filter((property) -> !isRemoved(property))
				.map((property) -> (String) property.get("name"))
				.filter((name) -> name.startsWith("tracing."))
				.toList();
		}
	}

}
