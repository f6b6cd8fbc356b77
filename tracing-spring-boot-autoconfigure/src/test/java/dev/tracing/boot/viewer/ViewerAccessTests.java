package dev.tracing.boot.viewer;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerAccessTests {

	private final ViewerAccess loopbackOnly = new ViewerAccess(false);

	@Test
	void answersLoopbackClientsThatNameALoopbackHost() {
		assertThat(this.loopbackOnly.refusal(request("127.0.0.1", "localhost"))).isNull();
		assertThat(this.loopbackOnly.refusal(request("127.0.0.1", "127.0.0.1"))).isNull();
		assertThat(this.loopbackOnly.refusal(request("127.10.0.3", "127.10.0.3"))).isNull();
		assertThat(this.loopbackOnly.refusal(request("0:0:0:0:0:0:0:1", "[::1]"))).isNull();
		assertThat(this.loopbackOnly.refusal(request("::1", "app.localhost"))).isNull();
	}

	@Test
	void refusesClientsOnOtherAddresses() {
		assertThat(this.loopbackOnly.refusal(request("192.0.2.7", "localhost"))).contains("comes from 192.0.2.7");
		assertThat(this.loopbackOnly.refusal(request("2001:db8::1", "localhost"))).contains("comes from 2001:db8::1");
		assertThat(this.loopbackOnly.refusal(request("", "localhost"))).isNotNull();
	}

	@Test
	void refusesHostNamesThatAreNotLoopbackWithoutResolvingThem() {
		assertThat(this.loopbackOnly.refusal(request("127.0.0.1", "attacker.example"))).contains("attacker.example");
		// Hexadecimal-looking names are names, not addresses: never looked up.
		assertThat(this.loopbackOnly.refusal(request("127.0.0.1", "dead.beef"))).contains("dead.beef");
		assertThat(this.loopbackOnly.refusal(request("127.0.0.1", "127.0.0.1.nip.io"))).isNotNull();
		assertThat(ViewerAccess.isLoopbackHost("localhost.attacker.example")).isFalse();
	}

	@Test
	void refusesRequestsThatCameThroughAProxy() {
		for (String header : new String[] { "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP" }) {
			MockHttpServletRequest request = request("127.0.0.1", "localhost");
			request.addHeader(header, "198.51.100.4");
			assertThat(this.loopbackOnly.refusal(request)).as(header).contains("proxy");
		}
	}

	@Test
	void answersEveryoneWhenRemoteAccessIsAllowed() {
		MockHttpServletRequest request = request("192.0.2.7", "viewer.example");
		request.addHeader("X-Forwarded-For", "198.51.100.4");
		assertThat(new ViewerAccess(true).refusal(request)).isNull();
	}

	private static MockHttpServletRequest request(String remoteAddress, String host) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tracing/api/traces");
		request.setRemoteAddr(remoteAddress);
		request.setServerName(host);
		return request;
	}

}
