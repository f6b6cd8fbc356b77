package dev.tracing.boot.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints of {@link TracedApplication} that run JdbcTemplate work on its H2 database. */
@RestController
class JdbcEndpoints {

	private final JdbcTemplate jdbc;

	JdbcEndpoints(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The same query {@code times} times, each with another id: a loop that should be one query. */
	@GetMapping("/jdbc/repeat/{times}")
	List<Integer> repeat(@PathVariable int times) {
		List<Integer> results = new ArrayList<>();
		for (int id = 0; id < times; id++) {
			results.add(this.jdbc.queryForObject("SELECT ? * 2", Integer.class, id));
		}
		return results;
	}

	/** A literal from the request spliced into a plain statement. */
	@GetMapping("/jdbc/literal")
	Map<String, Object> literal(@RequestParam String value) {
		String echoed = this.jdbc.queryForObject("SELECT '" + value.replace("'", "''") + "'", String.class);
		return Map.of("echoed", echoed);
	}

}
