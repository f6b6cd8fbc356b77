package dev.tracing.sample.order.health;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The database answers {@code SELECT 1}. */
@Component
class DatabaseReadinessCheck implements ReadinessCheck {

	private final JdbcTemplate jdbc;

	DatabaseReadinessCheck(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "database";
	}

	@Override
	public void check() {
		this.jdbc.queryForObject("SELECT 1", Integer.class);
	}

}
