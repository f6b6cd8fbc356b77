package dev.tracing.boot.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tracing.boot.web.PositionedJson.RefusedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionedJsonTests {

	@Test
	void parsesIntoMapsListsAndPlainValues() throws RefusedException {
		PositionedJson document = PositionedJson.parse(
				"{\"s\":\"x\\u00e9\",\"i\":42,\"l\":12345678901234567890,\"d\":1.50,\"t\":true,\"f\":false,\"n\":null,"
						+ "\"a\":[1,{}],\"o\":{}}");
		assertThat(document.root()).isInstanceOf(Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> root = (Map<String, Object>) document.root();
		assertThat(root.keySet()).containsExactly("s", "i", "l", "d", "t", "f", "n", "a", "o");
		assertThat(root.get("s")).isEqualTo("xé");
		assertThat(root.get("i")).isEqualTo(42L);
		assertThat(root.get("l")).isEqualTo(new BigDecimal("12345678901234567890"));
		assertThat(root.get("d")).isEqualTo(new BigDecimal("1.50"));
		assertThat(root.get("t")).isEqualTo(true);
		assertThat(root.get("f")).isEqualTo(false);
		assertThat(root.containsKey("n")).isTrue();
		assertThat(root.get("n")).isNull();
		assertThat((List<?>) root.get("a")).hasSize(2);
	}

	@Test
	void everyMemberOfEveryObjectCanBeVisitedAndItsValueReplacedInTheText() throws RefusedException {
		// How a rule on member names plugs in: visit, then edit the value's range.
		String json = "{\"user\": {\"Password\": \"p1\", \"name\": \"n\"},\n \"list\": [{\"password\": 12.50}], \"n\": 1.00}";
		PositionedJson document = PositionedJson.parse(json);
		List<String> visited = new ArrayList<>();
		document.forEachMember((name, start, end) -> {
			visited.add(name + "=" + json.substring(start, end));
			if (name.toLowerCase(Locale.ROOT).contains("password")) {
				document.edits().replace(start, end, "\"****\"");
			}
		});
		assertThat(visited).containsExactly("user={\"Password\": \"p1\", \"name\": \"n\"}", "list=[{\"password\": 12.50}]",
				"n=1.00", "Password=\"p1\"", "name=\"n\"", "password=12.50");
		assertThat(document.edited())
			.isEqualTo("{\"user\": {\"Password\": \"****\", \"name\": \"n\"},\n \"list\": [{\"password\": \"****\"}], \"n\": 1.00}");
	}

	@Test
	void editsInsideAnEditedRangeGoWithIt() {
		JsonEdits edits = new JsonEdits();
		String text = "0123456789";
		edits.replace(6, 8, "b");
		edits.replace(2, 4, "x");
		edits.replace(1, 5, "A");
		edits.replace(1, 5, "again");
		assertThat(edits.applyTo(text)).isEqualTo("0A5b89");
		assertThat(new JsonEdits().applyTo(text)).isSameAs(text);
	}

}
