package dev.tracing.boot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;

import static dev.tracing.boot.web.WebTestApplications.eventAttribute;
import static dev.tracing.boot.web.WebTestApplications.exceptionEvents;
import static dev.tracing.boot.web.WebTestApplications.post;
import static dev.tracing.boot.web.WebTestApplications.send;
import static dev.tracing.boot.web.WebTestApplications.serverSpan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server span's status follows what the client received when Tomcat refuses a request's
 * parameters: too many of them, a form body beyond the size limit, a malformed
 * percent-encoding, whether the application or a filter asked for them. Each answer is
 * Tomcat's own (400 or 413, with Spring Boot's error body) and the span says the same, with
 * no error; a genuine failure and a malformed multipart body, which Spring answers with 500,
 * stay errors. Default Tomcat limits, apart from a smaller form size; request body capture is
 * on, so that recording the body of a refused form is exercised too.
 */
class RejectedRequestStatusEndToEndTests {

	private static final String INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = WebTestApplications.run(receiver, Map.of("server.tomcat.max-http-form-post-size", "256KB",
				"tracing.web.capture-request-body", "true"), RejectingApplication.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void formWithTenThousandParametersIsA400OnTheSpanToo() {
		HttpResponse<byte[]> response = post(app, "/rejected/form", "application/x-www-form-urlencoded",
				tenThousandParameters());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body(response)).contains("\"status\":400");
		assertClientError(serverSpan(receiver, "/rejected/form"), 400);
	}

	@Test
	void formBeyondTheSizeLimitIsA413OnTheSpanToo() {
		HttpResponse<byte[]> response = post(app, "/rejected/form", "application/x-www-form-urlencoded",
				("p1=" + "x".repeat(300 * 1024)).getBytes(StandardCharsets.US_ASCII));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(body(response)).contains("\"status\":413");
		ReceivedSpan span = receiver.awaitSpan((s) -> "/rejected/form".equals(s.attribute("url.path"))
				&& "413".equals(s.attribute("http.response.status_code")));
		assertClientError(span, 413);
	}

	@Test
	void invalidPercentEncodingInTheQueryIsA400OnTheSpanToo() {
		String answer = rawRequest("GET /rejected/query?q=%zz&r=1 HTTP/1.1");
		assertThat(answer.lines().findFirst().orElse("")).isEqualTo("HTTP/1.1 400 ");
		assertThat(answer).contains("\"status\":400");
		assertClientError(serverSpan(receiver, "/rejected/query"), 400);
	}

	@Test
	void parametersRefusedWhileAFilterReadsThemAreA400OnTheSpanToo() {
		HttpResponse<byte[]> response = post(app, "/rejected/filtered", "application/x-www-form-urlencoded",
				tenThousandParameters());
		assertThat(response.statusCode()).isEqualTo(400);
		assertClientError(serverSpan(receiver, "/rejected/filtered"), 400);
	}

	@Test
	void malformedMultipartBodyIsAnsweredWith500BySpringAndStaysAnError() {
		HttpResponse<byte[]> response = post(app, "/rejected/upload", "multipart/form-data; boundary=xyz",
				"--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno closing boundary"
					.getBytes(StandardCharsets.US_ASCII));
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(receiver, "/rejected/upload");
		assertThat(span.attribute("http.response.status_code")).isEqualTo("500");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
	}

	@Test
	void genuineFailureStaysA500AndAnError() {
		HttpResponse<byte[]> response = send(app, "GET", "/rejected/fail", null, HttpRequest.BodyPublishers.noBody());
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(receiver, "/rejected/fail");
		assertThat(span.attribute("http.response.status_code")).isEqualTo("500");
		assertThat(span.attribute("error.type")).isEqualTo("500");
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(exceptionEvents(span)).extracting((event) -> eventAttribute(event, "exception.type"))
			.contains(IllegalStateException.class.getName());
	}

	private static void assertClientError(ReceivedSpan span, int status) {
		assertThat(span.attribute("http.response.status_code")).isEqualTo(Integer.toString(status));
		assertThat(span.attribute("error.type")).isNull();
		assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_UNSET);
		// Why the request was refused, once, with Tomcat's exception.
		assertThat(exceptionEvents(span)).singleElement()
			.satisfies((event) -> assertThat(eventAttribute(event, "exception.type")).isEqualTo(INVALID_PARAMETER));
	}

	private static byte[] tenThousandParameters() {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			form.append((i > 0) ? "&" : "").append('p').append(i).append('=').append(i);
		}
		return form.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/** Sends a request line that Java's HTTP client refuses to build; returns the whole answer. */
	private static String rawRequest(String requestLine) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(RejectingController.class)
	static class RejectingApplication {

		/** Reads the parameters before any controller, as security filters do. */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> parameterReadingFilter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							if (request.getRequestURI().equals("/rejected/filtered")) {
								request.getParameter("user");
							}
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(0);
			return registration;
		}

	}

	@RestController
	static class RejectingController {

		@PostMapping({ "/rejected/form", "/rejected/filtered" })
		String form(@RequestParam("p1") String p1) {
			return p1;
		}

		@GetMapping("/rejected/query")
		String query(@RequestParam("r") String r) {
			return r;
		}

		@PostMapping("/rejected/upload")
		String upload(@RequestParam("file") MultipartFile file) {
			return Long.toString(file.getSize());
		}

		@GetMapping("/rejected/fail")
		String fail() {
			throw new IllegalStateException("genuine failure");
		}

	}

}
