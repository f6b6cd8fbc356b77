package dev.tracing.boot.web;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcludedUrlsTests {

	@Test
	void flaskGuideExample() {
		ExcludedUrls excluded = new ExcludedUrls(List.of("client/.*/info", "healthcheck"));
		assertThat(excluded.matches("http://localhost:5000/client/123/info")).isTrue();
		assertThat(excluded.matches("http://localhost:5000/xyz/healthcheck")).isTrue();
		assertThat(excluded.matches("http://localhost:5000/client/123")).isFalse();
		assertThat(excluded.matches("http://localhost:5000/api/orders")).isFalse();
	}

	@Test
	void outerWildcardsDoNotChangeWhatMatches() {
		ExcludedUrls excluded = new ExcludedUrls(List.of(".*/health.*", "\\.png\\.*", "^/static/"));
		assertThat(excluded.matches("/health/ready")).isTrue();
		assertThat(excluded.matches("/api/healthy")).isTrue();
		assertThat(excluded.matches("/logo.png")).isTrue();
		assertThat(excluded.matches("/logo.jpg")).isFalse();
		assertThat(excluded.matches("/static/app.js")).isTrue();
		assertThat(excluded.matches("/assets/static/app.js")).isFalse();
	}

	@Test
	void urlIsRebuiltFromServerSpanStartAttributes() {
		ExcludedUrls excluded = new ExcludedUrls(List.of("token=", "internal:9090/"));
		Attributes withQuery = Attributes.builder()
			.put(UrlAttributes.URL_SCHEME, "http")
			.put(ServerAttributes.SERVER_ADDRESS, "orders")
			.put(ServerAttributes.SERVER_PORT, 8080L)
			.put(UrlAttributes.URL_PATH, "/api")
			.put(UrlAttributes.URL_QUERY, "token=abc")
			.build();
		assertThat(excluded.matches(withQuery)).isTrue();
		Attributes onInternalPort = Attributes.builder()
			.put(UrlAttributes.URL_SCHEME, "http")
			.put(ServerAttributes.SERVER_ADDRESS, "internal")
			.put(ServerAttributes.SERVER_PORT, 9090L)
			.put(UrlAttributes.URL_PATH, "/metrics")
			.build();
		assertThat(excluded.matches(onInternalPort)).isTrue();
		assertThat(excluded.matches(Attributes.empty())).isFalse();
	}

	@Test
	void emptyExcludesNothing() {
		ExcludedUrls excluded = new ExcludedUrls(List.of());
		assertThat(excluded.isEmpty()).isTrue();
		assertThat(excluded.matches("/anything")).isFalse();
	}

}
