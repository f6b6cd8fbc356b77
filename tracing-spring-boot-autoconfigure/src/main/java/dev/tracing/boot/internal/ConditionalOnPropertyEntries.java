package dev.tracing.boot.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a list property has at least one entry, written as a comma-separated value,
 * an indexed list, or a list of objects ({@code tracing.sampling.header-rules[0].header}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnPropertyEntriesCondition.class)
public @interface ConditionalOnPropertyEntries {

	/** The property, for example {@code tracing.web.excluded-urls}. */
	String value();

}
