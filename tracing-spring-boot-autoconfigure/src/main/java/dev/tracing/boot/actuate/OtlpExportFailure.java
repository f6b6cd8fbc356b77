package dev.tracing.boot.actuate;

import java.lang.reflect.Method;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;

/**
 * The collector's answer inside an OTLP exporter's failure, which carries no message of its
 * own: {@code HTTP 503 Service Unavailable} or {@code gRPC UNAVAILABLE: ...}. The failure's
 * type is internal to the exporters, so only its public {@code getResponse()} is used, whose
 * result is one of the SDK's public response types.
 */
final class OtlpExportFailure {

	private static final String FAILURE_TYPE = "io.opentelemetry.exporter.internal.FailedExportException";

	private OtlpExportFailure() {
	}

	/** The collector's response, or {@code null} when there is none to describe. */
	static String response(Throwable failure) {
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
