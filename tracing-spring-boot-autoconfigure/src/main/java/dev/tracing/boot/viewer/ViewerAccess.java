package dev.tracing.boot.viewer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decides who may see the viewer. Unless remote access is allowed, a request is answered only
 * when it comes from a loopback address, names a loopback host ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}), so that a web page elsewhere cannot reach it through DNS
 * rebinding, and did not pass through a proxy, whose own address would look local.
 */
final class ViewerAccess {

	private static final Log logger = LogFactory.getLog(ViewerAccess.class);

	private static final String[] PROXY_HEADERS = { "Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Real-IP" };

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+(%[0-9a-zA-Z]+)?");

	private final boolean allowRemote;

	private final AtomicBoolean refusalLogged = new AtomicBoolean();

	ViewerAccess(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	/**
	 * Answers a request that may not be answered with 403, the reason and the fix (logged
	 * once as a WARN), and says whether it did.
	 */
	boolean refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String reason = refusal(request);
		if (reason == null) {
			return false;
		}
		String message = "The trace viewer answers only requests from this machine: " + reason
				+ ". Open it on the machine that runs the application, or set tracing.viewer.allow-remote=true "
				+ "to serve it to other hosts.";
		if (this.refusalLogged.compareAndSet(false, true)) {
			logger.warn(message + " (logged once)");
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write(message + "\n");
		return true;
	}

	/** {@code null} when the request may be answered, otherwise why it may not. */
	String refusal(HttpServletRequest request) {
		if (this.allowRemote) {
			return null;
		}
		if (!isLoopbackAddress(request.getRemoteAddr())) {
			return "the request comes from " + request.getRemoteAddr() + ", not from this machine";
		}
		if (!isLoopbackHost(request.getServerName())) {
			return "the request is addressed to host '" + request.getServerName() + "', not to localhost";
		}
		for (String header : PROXY_HEADERS) {
			if (request.getHeader(header) != null) {
				return "the request passed through a proxy (" + header + " header)";
			}
		}
		return null;
	}

	static boolean isLoopbackAddress(String address) {
		if (address == null || address.isEmpty() || !isIpLiteral(address)) {
			return false;
		}
		try {
			// An IP literal is parsed, never looked up.
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	static boolean isLoopbackHost(String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.equals("localhost") || name.endsWith(".localhost") || isLoopbackAddress(name);
	}

	/**
	 * Dotted-decimal IPv4 or an IPv6 literal: forms that {@link InetAddress#getByName} parses
	 * without asking DNS. A host name is never resolved here; a name that resolves to
	 * 127.0.0.1 is exactly what a DNS rebinding attack uses.
	 */
	private static boolean isIpLiteral(String address) {
		return IPV4.matcher(address).matches() || (address.indexOf(':') >= 0 && IPV6.matcher(address).matches());
	}

	boolean allowsRemote() {
		return this.allowRemote;
	}

}
