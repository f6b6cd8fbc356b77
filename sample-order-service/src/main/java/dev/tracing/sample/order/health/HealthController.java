package dev.tracing.sample.order.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The guide's health blueprint: {@code /health} for liveness, {@code /health/ready} for
 * readiness (503 naming each dependency that does not answer). Left out of tracing by
 * {@code tracing.web.excluded-urls}.
 */
@RestController
@RequestMapping("/health")
class HealthController {

	private final List<ReadinessCheck> checks;

	HealthController(List<ReadinessCheck> checks) {
		this.checks = checks;
	}

	@GetMapping
	Map<String, String> health() {
		return Map.of("status", "healthy");
	}

	@GetMapping("/ready")
	ResponseEntity<Map<String, Object>> ready() {
		Map<String, String> results = new LinkedHashMap<>();
		List<String> failing = new ArrayList<>();
		for (ReadinessCheck check : this.checks) {
			try {
				check.check();
				results.put(check.name(), "up");
			}
			catch (Exception ex) {
				results.put(check.name(), "down: " + summary(ex));
				failing.add(check.name());
			}
		}
		if (failing.isEmpty()) {
			return ResponseEntity.ok(Map.of("status", "ready", "checks", results));
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("status", "not ready", "failing", failing, "checks", results));
	}

	private static String summary(Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		message = message.lines().findFirst().orElse(message);
		return (message.length() > 200) ? message.substring(0, 200) + "..." : message;
	}

}
