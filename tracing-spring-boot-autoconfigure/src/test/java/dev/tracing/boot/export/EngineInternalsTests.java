package dev.tracing.boot.export;

import java.lang.reflect.Method;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The two places where the starter names what is not public API of the OpenTelemetry SDK.
 * If an SDK upgrade moves them, these fail and say what to update, before users see export
 * failures logged as stack traces again or described without the collector's answer.
 */
class EngineInternalsTests {

	@Test
	void theOtlpExporterLoggersStillExist() {
		for (String logger : OtlpExporterLoggers.NAMES) {
			try {
				Class.forName(logger, false, EngineInternalsTests.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				fail("The OTLP exporter's logger " + logger + " is gone: the SDK upgrade renamed it, so failed exports "
						+ "log stack traces again. Update OtlpExporterLoggers.NAMES.");
			}
		}
	}

	@Test
	void theExportFailuresStillCarryTheCollectorsResponse() throws Exception {
		assertResponse("$HttpExportException", HttpResponse.class);
		assertResponse("$GrpcExportException", GrpcResponse.class);
	}

	private static void assertResponse(String nested, Class<?> responseType) throws Exception {
		String type = OtlpExportFailure.FAILURE_TYPE + nested;
		Class<?> failure;
		try {
			failure = Class.forName(type, false, EngineInternalsTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			fail("The SDK's " + type + " is gone: export failures lose the collector's answer. Update "
					+ "OtlpExportFailure.");
			return;
		}
		Method getResponse = failure.getMethod("getResponse");
		assertThat(getResponse.getReturnType()).as("update OtlpExportFailure if this changed").isEqualTo(responseType);
	}

}
