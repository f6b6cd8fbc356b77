package dev.tracing.boot.viewer;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of background work cannot push the requests out of the viewer: with room for 20
 * traces, 150 traces of background work after a few requests leave every request in the
 * store, and the trace list shows them first.
 */
class ViewerBackgroundFloodEndToEndTests {

	@Test
	void requestsStayInTheStoreAndHeadTheListWhateverTheBackgroundWork() {
		try (ConfigurableApplicationContext app = ViewerTestApplication.run(Map.of("tracing.exporter.type", "none",
				"tracing.viewer.enabled", "true", "tracing.viewer.max-traces", "20"))) {
			HttpCalls http = new HttpCalls(app);
			ViewerClient viewer = new ViewerClient(app);
			List<String> requests = new java.util.ArrayList<>();
			for (int order = 1; order <= 5; order++) {
				requests.add((String) ViewerClient.parse(http.get("/api/checkout/" + order).body()).get("traceId"));
			}
			http.flushSpans();
			assertThat(http.get("/api/background?count=150").statusCode()).isEqualTo(200);
			http.flushSpans();
			// Until every span is in: the requests, the one that set off the work, 150 items.
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
			while (app.getBean(TraceStore.class).statistics().evictedTraces() < 136
					&& System.nanoTime() < deadline) {
				ViewerClient.sleep(50);
			}

			List<Map<String, Object>> list = viewer.traces("");
			assertThat(list).hasSize(20);
			List<Map<String, Object>> shownRequests = list.stream()
				.filter((trace) -> Boolean.TRUE.equals(trace.get("request")))
				.toList();
			assertThat(shownRequests).extracting((trace) -> trace.get("traceId")).containsAll(requests);
			assertThat(shownRequests).hasSize(6)
				.allSatisfy((trace) -> assertThat(trace.get("rootKind")).isEqualTo("SERVER"));
			// Requests first, each group newest first.
			assertThat(list.subList(0, 6)).isEqualTo(shownRequests);
			assertThat(list.get(0).get("route")).isEqualTo("/api/background");
			assertThat(list.subList(6, 20)).allSatisfy((trace) -> {
				assertThat(trace.get("request")).isEqualTo(false);
				assertThat(trace.get("rootName")).isEqualTo("OrderProcessor.process");
			});
			assertThat(starts(list.subList(0, 6))).isSortedAccordingTo(java.util.Comparator.reverseOrder());
			assertThat(starts(list.subList(6, 20))).isSortedAccordingTo(java.util.Comparator.reverseOrder());

			assertThat(viewer.traces("limit=6")).extracting((trace) -> trace.get("request")).containsOnly(true);
			assertThat(viewer.traces("order=newest-first&limit=6")).extracting((trace) -> trace.get("request"))
				.containsOnly(false);
			assertThat(viewer.traces("kind=background")).hasSize(14);
			assertThat(viewer.traces("kind=request")).hasSize(6);
			assertThat(viewer.get("127.0.0.1", "/tracing/api/traces?order=oldest").statusCode()).isEqualTo(400);
			assertThat(viewer.get("127.0.0.1", "/tracing/api/traces?kind=job").statusCode()).isEqualTo(400);
		}
	}

	private static List<Long> starts(List<Map<String, Object>> traces) {
		return traces.stream().map((trace) -> ((Number) trace.get("start")).longValue()).toList();
	}

}
