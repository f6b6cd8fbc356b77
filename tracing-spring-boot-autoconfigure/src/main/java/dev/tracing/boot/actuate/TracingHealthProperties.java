package dev.tracing.boot.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tracing} health contributor, present when Spring Boot Actuator is. It always
 * reports the exporter's counts as details.
 *
 * @param downOnExportFailure Whether the contributor reports DOWN while span export fails
 * (the most recent export failed). Off by default: a collector outage should not take the
 * application out of its load balancer.
 */
@ConfigurationProperties("tracing.health")
public record TracingHealthProperties(@DefaultValue("false") boolean downOnExportFailure) {

}
