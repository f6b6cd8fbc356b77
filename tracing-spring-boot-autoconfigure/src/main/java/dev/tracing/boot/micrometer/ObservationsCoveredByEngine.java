package dev.tracing.boot.micrometer;

import java.util.Set;

import io.micrometer.observation.Observation;

/**
 * The Micrometer observation contexts for work that the OpenTelemetry engine already traces:
 * Spring MVC and WebFlux server requests, RestTemplate/RestClient/WebClient calls and
 * {@code @Scheduled} runs. Turning these observations into spans as well would give every
 * request two SERVER spans and every call two CLIENT spans. Their metrics are unaffected.
 */
final class ObservationsCoveredByEngine {

	private static final Set<String> CONTEXT_TYPES = Set.of(
			"org.springframework.http.server.observation.ServerRequestObservationContext",
			"org.springframework.http.server.reactive.observation.ServerRequestObservationContext",
			"org.springframework.http.client.observation.ClientRequestObservationContext",
			"org.springframework.web.reactive.function.client.ClientRequestObservationContext",
			"org.springframework.scheduling.support.ScheduledTaskObservationContext");

	private static final ClassValue<Boolean> covered = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
				if (CONTEXT_TYPES.contains(candidate.getName())) {
					return true;
				}
			}
			return false;
		}
	};

	private ObservationsCoveredByEngine() {
	}

	static boolean covers(Observation.Context context) {
		return covered.get(context.getClass());
	}

}
