package dev.tracing.boot.web;

import jakarta.servlet.ServletException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedParametersTests {

	private final InvalidParameterException tooLarge = new InvalidParameterException("too big", 413);

	@Test
	void findsTomcatsExceptionThrownAsItIsOrWrappedOnceAsTomcatDoes() {
		assertThat(RejectedParameters.of(this.tooLarge)).isSameAs(this.tooLarge);
		assertThat(RejectedParameters.of(new ServletException("Request processing failed", this.tooLarge)))
			.isSameAs(this.tooLarge);
		assertThat(RejectedParameters.status(this.tooLarge)).isEqualTo(413);
		assertThat(RejectedParameters.status(new InvalidParameterException("too many"))).isEqualTo(400);
	}

	@Test
	void anythingElseIsLeftToTheContainersDefaultOf500() {
		// Tomcat looks no deeper than the direct cause, so neither does the starter.
		assertThat(RejectedParameters
			.of(new ServletException("failed", new IllegalStateException("wrapped", this.tooLarge)))).isNull();
		assertThat(RejectedParameters.of(new IllegalStateException("genuine failure"))).isNull();
		assertThat(RejectedParameters.of(new ServletException("no cause"))).isNull();
	}

}
