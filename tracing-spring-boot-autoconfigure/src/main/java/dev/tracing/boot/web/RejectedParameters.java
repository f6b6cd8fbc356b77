package dev.tracing.boot.web;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.util.ClassUtils;

/**
 * Tomcat's verdict on a request whose parameters it cannot parse: more than
 * {@code server.tomcat.max-parameter-count} parameters, a form body larger than
 * {@code server.tomcat.max-http-form-post-size}, a malformed percent-encoding. Tomcat throws
 * {@link InvalidParameterException} from {@code getParameter} and its siblings, lets it
 * travel out of the filter chain (as it is, or as the cause of the {@code ServletException}
 * that Spring's {@code DispatcherServlet} wraps it in), and only then answers with the status
 * the exception carries (400 or 413). The engine's filter, which is further in, sees the
 * exception first and records 500 and {@code ERROR}.
 */
final class RejectedParameters {

	private static final boolean tomcatPresent = ClassUtils.isPresent(
			"org.apache.tomcat.util.http.InvalidParameterException", RejectedParameters.class.getClassLoader());

	private RejectedParameters() {
	}

	/**
	 * The parameter failure that decides the response to a request whose processing threw
	 * this exception, following Tomcat's own rule: the exception itself, or its direct cause.
	 * @param ex what the filter chain threw
	 * @return Tomcat's exception, or {@code null} when the container answers 500
	 */
	static RuntimeException of(Throwable ex) {
		return tomcatPresent ? Tomcat.of(ex) : null;
	}

	/**
	 * The status Tomcat answers for a parameter failure.
	 * @param rejected an exception that {@link #of} returned
	 * @return the status, such as 400 or 413
	 */
	static int status(RuntimeException rejected) {
		return Tomcat.status(rejected);
	}

	/** Loaded only when Tomcat is there: nothing else here names its classes. */
	private static final class Tomcat {

		static RuntimeException of(Throwable ex) {
			if (ex instanceof InvalidParameterException rejected) {
				return rejected;
			}
			return (ex.getCause() instanceof InvalidParameterException rejected) ? rejected : null;
		}

		static int status(RuntimeException rejected) {
			return ((InvalidParameterException) rejected).getErrorCode();
		}

	}

}
