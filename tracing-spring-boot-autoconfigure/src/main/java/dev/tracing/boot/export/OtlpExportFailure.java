package dev.tracing.boot.export;

import java.lang.reflect.Method;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;

/**
 * The collector's answer inside an OTLP exporter's failure, which carries no message of its
 * own: {@code HTTP 503 Service Unavailable} or {@code gRPC UNAVAILABLE: ...}. One of the two
 * uses of names that are not public API (with {@link OtlpExporterLoggers}): the failure's
 * type is internal to the exporters and has no public way to reach the response, so its
 * public {@code getResponse()} method is called reflectively, and its result is one of the
 * SDK's public response types. If an SDK upgrade changes the type, the description falls
 * back to the failure's message, and {@code OtlpExportFailureTests} fails and says so.
 */
public final class OtlpExportFailure {

	static final String FAILURE_TYPE = "io.opentelemetry.exporter.internal.FailedExportException";

	private OtlpExportFailure() {
	}

	/** The collector's response, or {@code null} when there is none to describe. */
	public static String response(Throwable failure) {
		if (!failure.getClass().getName().startsWith(FAILURE_TYPE)) {
			return null;
		}
		Object response;
		try {
			Method getResponse = failure.getClass().getMethod("getResponse");
			response = getResponse.invoke(failure);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
		if (response instanceof HttpResponse http) {
			String message = http.getStatusMessage();
			return "the collector answered HTTP " + http.getStatusCode()
					+ ((message != null && !message.isBlank()) ? " " + message : "");
		}
		if (response instanceof GrpcResponse grpc) {
			String description = grpc.getStatusDescription();
			return "the collector answered gRPC " + grpc.getStatusCode()
					+ ((description != null && !description.isBlank()) ? ": " + description : "");
		}
		return null;
	}

}
