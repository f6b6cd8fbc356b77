package dev.tracing.boot.viewer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.tracing.boot.redaction.SpanRedactor;
import dev.tracing.boot.viewer.ProtobufReader.MalformedProtobufException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Accepts the spans of other services on this machine, exported over OTLP/HTTP in
 * {@code http/protobuf} to {@code <viewer path>/v1/traces}, and keeps them beside the
 * application's own, so that the viewer shows a trace that crosses processes (a web service
 * and its worker) whole. The request has passed the viewer's access rules already and is not
 * traced. Received spans pass the application's {@link SpanRedactor}, the same masking its
 * own spans get, before they are kept.
 * <p>
 * Answers as an OTLP collector does: 200 with an empty {@code ExportTraceServiceResponse};
 * otherwise a {@code google.rpc.Status} naming the problem, with 400 (not OTLP protobuf), 403
 * (sent by a web page), 413 (larger than {@code tracing.viewer.max-otlp-request-size}) or 415
 * (another content type or encoding).
 */
final class OtlpTraceReceiver {

	/** The path below the viewer's, as OTLP/HTTP exporters append it to a base endpoint. */
	static final String PATH = "/v1/traces";

	private static final Log logger = LogFactory.getLog(OtlpTraceReceiver.class);

	private static final String PROTOBUF = "application/x-protobuf";

	/** {@code google.rpc.Code} values. */
	private static final int INVALID_ARGUMENT = 3;

	private static final int PERMISSION_DENIED = 7;

	private static final int RESOURCE_EXHAUSTED = 8;

	private static final int MAX_SERVICES_LOGGED = 32;

	private final TraceStore store;

	private final SpanRedactor redactor;

	private final int maxRequestBytes;

	private final Set<String> servicesSeen = ConcurrentHashMap.newKeySet();

	OtlpTraceReceiver(TraceStore store, SpanRedactor redactor, long maxRequestBytes) {
		this.store = store;
		this.redactor = redactor;
		this.maxRequestBytes = (int) maxRequestBytes;
	}

	void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getHeader("Origin") != null) {
			// Exporters send no Origin; browsers do. A page elsewhere may not plant spans here.
			status(response, HttpServletResponse.SC_FORBIDDEN, PERMISSION_DENIED,
					"the trace viewer accepts OTLP from services, not from web pages (Origin header)");
			return;
		}
		String contentType = mediaType(request.getContentType());
		if (!contentType.equals(PROTOBUF) && !contentType.equals("application/protobuf")) {
			status(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, INVALID_ARGUMENT,
					"the trace viewer accepts OTLP/HTTP as " + PROTOBUF + " (protocol http/protobuf), not '"
							+ request.getContentType() + "'");
			return;
		}
		String encoding = request.getHeader("Content-Encoding");
		boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
		if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
			status(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, INVALID_ARGUMENT,
					"the trace viewer accepts a body that is gzip-compressed or not compressed, not '" + encoding + "'");
			return;
		}
		byte[] body = (request.getContentLengthLong() > this.maxRequestBytes) ? null
				: readAtMost(request.getInputStream());
		if (body != null && gzip) {
			try {
				body = readAtMost(new GZIPInputStream(new ByteArrayInputStream(body)));
			}
			catch (ZipException | java.io.EOFException ex) {
				status(response, HttpServletResponse.SC_BAD_REQUEST, INVALID_ARGUMENT,
						"the body is not valid gzip: " + ex.getMessage());
				return;
			}
		}
		if (body == null) {
			status(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, RESOURCE_EXHAUSTED,
					"the request is larger than tracing.viewer.max-otlp-request-size (" + this.maxRequestBytes
							+ " bytes); export smaller batches (tracing.batch.max-export-batch-size)");
			return;
		}
		List<SpanData> spans;
		try {
			spans = OtlpTraceDecoder.decode(body, this::redact);
		}
		catch (MalformedProtobufException ex) {
			status(response, HttpServletResponse.SC_BAD_REQUEST, INVALID_ARGUMENT,
					"the body is not an OTLP ExportTraceServiceRequest: " + ex.getMessage());
			return;
		}
		List<SpanData> redacted = new ArrayList<>(spans.size());
		for (SpanData span : spans) {
			redacted.add(this.redactor.redact(span));
		}
		this.store.addReceived(redacted);
		logNewServices(spans);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(PROTOBUF);
		// An empty ExportTraceServiceResponse: everything was accepted.
		response.setContentLength(0);
	}

	private Resource redact(Resource resource) {
		return Resource.create(this.redactor.redact(resource.getAttributes()), resource.getSchemaUrl());
	}

	private void logNewServices(List<SpanData> spans) {
		Resource last = null;
		for (SpanData span : spans) {
			if (span.getResource() == last) {
				continue;
			}
			last = span.getResource();
			String service = last.getAttribute(ServiceAttributes.SERVICE_NAME);
			if (service != null && this.servicesSeen.size() < MAX_SERVICES_LOGGED && this.servicesSeen.add(service)) {
				logger.info("Trace viewer receives spans of service '" + service + "' over OTLP");
			}
		}
	}

	/** The body, or {@code null} if it is larger than the limit. */
	private byte[] readAtMost(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
		byte[] buffer = new byte[8192];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) != -1) {
			total += read;
			if (total > this.maxRequestBytes) {
				return null;
			}
			body.write(buffer, 0, read);
		}
		return body.toByteArray();
	}

	private static String mediaType(String contentType) {
		if (contentType == null) {
			return "";
		}
		int parameters = contentType.indexOf(';');
		return ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).trim()
			.toLowerCase(Locale.ROOT);
	}

	/** Answers with a {@code google.rpc.Status} message, as OTLP/HTTP prescribes for errors. */
	private static void status(HttpServletResponse response, int httpStatus, int code, String message)
			throws IOException {
		logger.debug("Refused an OTLP request with " + httpStatus + ": " + message);
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream status = new ByteArrayOutputStream(text.length + 8);
		status.write(0x08); // field 1, varint: code
		status.write(code);
		status.write(0x12); // field 2, length-delimited: message
		int length = text.length;
		while (length > 0x7f) {
			status.write((length & 0x7f) | 0x80);
			length >>>= 7;
		}
		status.write(length);
		status.write(text);
		response.setStatus(httpStatus);
		response.setContentType(PROTOBUF);
		response.setContentLength(status.size());
		status.writeTo(response.getOutputStream());
	}

}
