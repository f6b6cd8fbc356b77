package dev.tracing.boot.jdbc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.instrumentation.api.internal.SemconvStability;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.incubating.DbIncubatingAttributes;

/**
 * Our layer over the engine's JDBC spans: sanitizes every statement text (unless the engine's
 * sanitizing is switched off), flags slow statements and counts repeated ones per request.
 * Acts only on the client spans of the engine's JDBC instrumentation and on local root spans;
 * everything else passes untouched.
 * <p>
 * Attributes and events are added in {@link #onEnding}, while the span is ending but still
 * writable; {@code onEnd} sees a read-only span whose changes would never be exported.
 */
final class DatabaseSpanProcessor implements ExtendedSpanProcessor {

	/** Instrumentation scope of the engine's JDBC spans. */
	static final String JDBC_SCOPE = "io.opentelemetry.jdbc";

	@SuppressWarnings("deprecation") // the engine's default conventions still use it
	private static final AttributeKey<String> OLD_STATEMENT = DbIncubatingAttributes.DB_STATEMENT;

	@SuppressWarnings("deprecation")
	private static final AttributeKey<String> OLD_SYSTEM = DbIncubatingAttributes.DB_SYSTEM;

	private final StatementSanitizer sanitizer;

	private final boolean rewriteText;

	private final SlowStatementReporter slowStatements;

	private final RepeatedStatementDetector repeatedStatements;

	/**
	 * @param sanitizer sanitizes statement texts, for the spans and for counting
	 * @param rewriteText whether spans get the sanitized text (false when the user switched
	 * the engine's sanitizing off: N+1 counting and the slow-statement log still use it)
	 * @param slowStatements the slow statement check, or {@code null} when off
	 * @param repeatedStatements the N+1 detection, or {@code null} when off
	 */
	DatabaseSpanProcessor(StatementSanitizer sanitizer, boolean rewriteText, SlowStatementReporter slowStatements,
			RepeatedStatementDetector repeatedStatements) {
		this.sanitizer = sanitizer;
		this.rewriteText = rewriteText;
		this.slowStatements = slowStatements;
		this.repeatedStatements = repeatedStatements;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (!isStatement(span)) {
			return;
		}
		String statement = sanitize(span);
		if (statement != null && this.repeatedStatements != null) {
			Span root = LocalRootSpan.fromContextOrNull(parentContext);
			if (root != null) {
				this.repeatedStatements.count(root, statement);
			}
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnding(ReadWriteSpan span) {
		if (isStatement(span)) {
			if (this.slowStatements != null && this.slowStatements.isSlow(span)) {
				String text = statement(span);
				this.slowStatements.report(span, (text != null) ? sanitized(text, span) : null);
			}
		}
		else if (this.repeatedStatements != null && isLocalRoot(span)) {
			this.repeatedStatements.rootEnding(span);
		}
	}

	@Override
	public boolean isOnEndingRequired() {
		return this.slowStatements != null || this.repeatedStatements != null;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (isLocalRoot(span)) {
			this.repeatedStatements.rootEnded(span);
		}
	}

	@Override
	public boolean isEndRequired() {
		return this.repeatedStatements != null;
	}

	private String sanitize(ReadWriteSpan span) {
		AttributeKey<String> key = DbAttributes.DB_QUERY_TEXT;
		String text = span.getAttribute(key);
		if (text == null) {
			key = OLD_STATEMENT;
			text = span.getAttribute(key);
			if (text == null) {
				return null;
			}
		}
		String sanitized = sanitized(text, span);
		if (sanitized != text && this.rewriteText) {
			span.setAttribute(key, sanitized);
		}
		return sanitized;
	}

	private String sanitized(String text, ReadableSpan span) {
		String sanitized = this.sanitizer.cached(text);
		return (sanitized != null) ? sanitized : this.sanitizer.sanitize(text, dbSystemName(span));
	}

	private static String statement(ReadableSpan span) {
		String text = span.getAttribute(DbAttributes.DB_QUERY_TEXT);
		return (text != null) ? text : span.getAttribute(OLD_STATEMENT);
	}

	private static String dbSystemName(ReadableSpan span) {
		String name = span.getAttribute(DbAttributes.DB_SYSTEM_NAME);
		if (name != null) {
			return name;
		}
		String old = span.getAttribute(OLD_SYSTEM);
		return (old != null) ? SemconvStability.stableDbSystemName(old) : null;
	}

	private static boolean isStatement(ReadableSpan span) {
		return span.getKind() == SpanKind.CLIENT && JDBC_SCOPE.equals(span.getInstrumentationScopeInfo().getName());
	}

	private static boolean isLocalRoot(ReadableSpan span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

}
