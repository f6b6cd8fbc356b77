package dev.tracing.boot.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlDialect;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.SqlQueryAnalyzer;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.internal.SqlDialectUtil;

/**
 * Replaces every literal in a SQL statement with {@code ?}, with the engine's own SQL lexer.
 * The engine already does this for plain statements, but under the stable database
 * conventions it leaves the text of prepared statements as written, literals included, and
 * with parameter capture on it sanitizes nothing; this closes both gaps.
 * <p>
 * Results are cached per statement text (up to {@value #MAX_CACHED} texts), so the lexer
 * runs once per distinct statement. The database only matters for double quotes (an
 * identifier or a string?), so a text without them is looked up without it.
 */
final class StatementSanitizer {

	private static final int MAX_CACHED = 4096;

	/** Texts longer than this are sanitized on every use rather than cached. */
	private static final int MAX_CACHED_LENGTH = 10 * 1024;

	/** Cached for a text that has no literal, so that the caller gets its own instance back. */
	private static final String UNCHANGED = new String("unchanged");

	private final SqlQueryAnalyzer analyzer = SqlQueryAnalyzer.create(true);

	private final Map<String, String> withoutDoubleQuotes = new ConcurrentHashMap<>();

	private final Map<String, String> quotedIdentifiers = new ConcurrentHashMap<>();

	private final Map<String, String> quotedLiterals = new ConcurrentHashMap<>();

	/**
	 * Returns the sanitized statement if a text without double quotes was sanitized before.
	 * @param text the statement as the span carries it
	 * @return the sanitized statement (the same instance when it has no literal), or
	 * {@code null} when {@link #sanitize} must be asked
	 */
	String cached(String text) {
		String sanitized = this.withoutDoubleQuotes.get(text);
		return (sanitized != UNCHANGED) ? sanitized : text;
	}

	/**
	 * Returns the statement with its literals replaced, or the same instance when it has none.
	 * @param text the statement as the span carries it
	 * @param dbSystemName the stable {@code db.system.name}, which decides whether double quotes
	 * delimit identifiers or literals
	 * @return the sanitized statement
	 */
	String sanitize(String text, String dbSystemName) {
		boolean quoted = text.indexOf('"') >= 0;
		SqlDialect dialect = quoted ? SqlDialectUtil.fromDbSystemName(dbSystemName)
				: SqlDialect.DOUBLE_QUOTES_ARE_STRING_LITERALS;
		if (text.length() > MAX_CACHED_LENGTH) {
			return analyze(text, dialect);
		}
		Map<String, String> cache = !quoted ? this.withoutDoubleQuotes
				: (dialect == SqlDialect.DOUBLE_QUOTES_ARE_IDENTIFIERS) ? this.quotedIdentifiers : this.quotedLiterals;
		String sanitized = cache.get(text);
		if (sanitized == null) {
			sanitized = analyze(text, dialect);
			if (cache.size() < MAX_CACHED) {
				cache.put(text, (sanitized == text) ? UNCHANGED : sanitized);
			}
			return sanitized;
		}
		return (sanitized == UNCHANGED) ? text : sanitized;
	}

	private String analyze(String text, SqlDialect dialect) {
		String sanitized = this.analyzer.analyzeWithSummary(text, dialect).getQueryText();
		return (sanitized == null || sanitized.equals(text)) ? text : sanitized;
	}

}
