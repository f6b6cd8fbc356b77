package dev.tracing.boot.annotation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code @Traced} annotation.
 *
 * @param enabled Whether methods annotated with @Traced produce spans. When false the advisor
 * is not created and annotated methods run untouched.
 * @param codeAttributes Whether spans carry the code.function.name attribute (the fully
 * qualified method name, as in com.example.OrderService.placeOrder).
 */
@ConfigurationProperties("tracing.traced")
public record TracedProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean codeAttributes) {

}
