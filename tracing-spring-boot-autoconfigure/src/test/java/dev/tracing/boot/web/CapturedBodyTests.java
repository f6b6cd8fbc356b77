package dev.tracing.boot.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapturedBodyTests {

	@Test
	void keepsBytesUpToTheLimitAndFlagsTheRest() {
		CapturedBody body = new CapturedBody(8);
		byte[] bytes = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
		body.append(bytes, 0, 5);
		assertThat(body.isTruncated()).isFalse();
		body.append(bytes, 5, 11);
		body.append('z');
		assertThat(body.isTruncated()).isTrue();
		assertThat(body.text(StandardCharsets.UTF_8)).isEqualTo("01234567");
	}

	@Test
	void exactlyTheLimitIsNotTruncated() {
		CapturedBody body = new CapturedBody(4);
		body.append("abcd".getBytes(StandardCharsets.US_ASCII), 0, 4);
		assertThat(body.isTruncated()).isFalse();
		assertThat(body.text(StandardCharsets.UTF_8)).isEqualTo("abcd");
	}

	@Test
	void cutsUtf8AtACharacterBoundary() {
		byte[] bytes = "aé€😀".getBytes(StandardCharsets.UTF_8);
		for (int limit = 1; limit < bytes.length; limit++) {
			CapturedBody body = new CapturedBody(limit);
			body.append(bytes, 0, bytes.length);
			String text = body.text(StandardCharsets.UTF_8);
			assertThat(text).doesNotContain("\uFFFD");
			assertThat("aé€😀").startsWith(text);
			assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
		}
	}

	@Test
	void decodesWithTheGivenCharset() {
		CapturedBody body = new CapturedBody(16);
		byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
		body.append(latin1, 0, latin1.length);
		assertThat(body.text(StandardCharsets.ISO_8859_1)).isEqualTo("café");
	}

	@Test
	void charactersAreBoundedInUtf8Bytes() {
		CapturedBody body = new CapturedBody(5);
		body.appendChars("ééé", 0, 3);
		assertThat(body.isTruncated()).isFalse();
		assertThat(body.text(StandardCharsets.UTF_8)).isEqualTo("éé");
		assertThat(body.isTruncated()).isTrue();
	}

	@Test
	void resetForgetsEverything() {
		CapturedBody body = new CapturedBody(2);
		body.append("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
		body.reset();
		assertThat(body.isEmpty()).isTrue();
		assertThat(body.isTruncated()).isFalse();
	}

}
