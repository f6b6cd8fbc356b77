package dev.tracing.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a parameter of a {@link Traced @Traced} method as an attribute of its span.
 * Strings, booleans, whole numbers and decimals keep their type; other values are recorded
 * with {@code toString()}; {@code null} is left out. Only parameters carrying this
 * annotation are recorded, so arguments never leave the process unless a developer chose
 * them.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TracedAttribute {

	/**
	 * The attribute name, for example {@code order.id}. Defaults to the parameter name
	 * (available when the code is compiled with {@code -parameters}, as Spring Boot's build
	 * plugins do; {@code arg0}, {@code arg1}, ... otherwise).
	 * @return the attribute name
	 */
	String value() default "";

}
