package dev.tracing.boot.web.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlTemplatesTests {

	@Test
	void keepsThePathAndQueryOfATemplate() {
		assertThat(UrlTemplates.pathOf("http://inventory:8080/items/{sku}")).isEqualTo("/items/{sku}");
		assertThat(UrlTemplates.pathOf("https://api.example.com/items/{sku}?page={page}"))
			.isEqualTo("/items/{sku}?page={page}");
		assertThat(UrlTemplates.pathOf("https://api.example.com?q={q}")).isEqualTo("/?q={q}");
		assertThat(UrlTemplates.pathOf("/items/{sku}")).isEqualTo("/items/{sku}");
		assertThat(UrlTemplates.pathOf("{base}/items/{sku}")).isEqualTo("{base}/items/{sku}");
	}

}
