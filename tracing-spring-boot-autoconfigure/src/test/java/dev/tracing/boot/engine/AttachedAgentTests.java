package dev.tracing.boot.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttachedAgentTests {

	private final ClassLoader classLoader = AttachedAgentTests.class.getClassLoader();

	@Test
	void findsAnAgentByItsJavaagentOption() {
		assertThat(AttachedAgent.detect(List.of("-Xmx512m", "-javaagent:/opt/otel/opentelemetry-javaagent.jar"),
				this.classLoader))
			.extracting(AttachedAgent::name)
			.isEqualTo("OpenTelemetry Java agent");
		assertThat(AttachedAgent.detect(List.of("-javaagent:/dd/dd-java-agent-1.40.jar=x"), this.classLoader))
			.extracting(AttachedAgent::name)
			.isEqualTo("Datadog Java agent");
		assertThat(AttachedAgent.detect(List.of("-javaagent:elastic-apm-agent-1.52.jar"), this.classLoader))
			.extracting(AttachedAgent::name)
			.isEqualTo("Elastic APM Java agent");
	}

	@Test
	void findsNoneInAnOrdinaryJvm() {
		assertThat(AttachedAgent.detect(List.of("-Xmx512m", "-javaagent:/opt/jacoco/jacocoagent.jar"),
				this.classLoader)).isNull();
	}

}
