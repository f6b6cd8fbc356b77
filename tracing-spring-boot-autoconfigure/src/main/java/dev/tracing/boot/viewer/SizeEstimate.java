package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;

/**
 * Heap sizes of the values a stored span holds, for a 64-bit JVM with compressed references,
 * rounded up. Shared objects (attribute keys reused by instrumentation, boxed small numbers)
 * are counted as if they were not shared, so the estimate errs on the high side.
 */
final class SizeEstimate {

	private static final int STRING_OVERHEAD = 40;

	private static final int KEY_OVERHEAD = 24;

	private static final int ATTRIBUTES_OVERHEAD = 32;

	private static final int ENTRY_SLOTS = 8;

	private static final int BOXED = 16;

	private static final int LIST_OVERHEAD = 32;

	private SizeEstimate() {
	}

	static long of(String value) {
		if (value == null) {
			return 0;
		}
		int length = value.length();
		for (int i = 0; i < length; i++) {
			if (value.charAt(i) > 0xFF) {
				return align(STRING_OVERHEAD + 2L * length);
			}
		}
		return align(STRING_OVERHEAD + (long) length);
	}

	static long of(Attributes attributes) {
		if (attributes.isEmpty()) {
			return 0;
		}
		long[] bytes = { ATTRIBUTES_OVERHEAD };
		attributes.forEach((key, value) -> bytes[0] += ENTRY_SLOTS + KEY_OVERHEAD + of(key.getKey()) + ofValue(value));
		return bytes[0];
	}

	private static long ofValue(Object value) {
		if (value instanceof String string) {
			return of(string);
		}
		if (value instanceof List<?> list) {
			long bytes = LIST_OVERHEAD + 4L * list.size();
			for (Object element : list) {
				bytes += ofValue(element);
			}
			return bytes;
		}
		if (value instanceof Value<?> complex) {
			// Nested values and byte arrays: their text form, twice over for the structure.
			return 2 * (LIST_OVERHEAD + of(complex.asString()));
		}
		return BOXED;
	}

	private static long align(long bytes) {
		return (bytes + 7) & ~7L;
	}

}
