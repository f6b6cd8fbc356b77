package dev.tracing.boot.messaging;

import java.util.Map;

import dev.tracing.boot.engine.EngineSettingsFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingTracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingTracingAutoConfiguration.class));

	@Test
	void registersTheRabbitConventions() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(RabbitSendConvention.class)
			.hasSingleBean(RabbitProcessConvention.class));
	}

	@Test
	void messagingEnabledFalseLeavesTheConventionsOut() {
		this.runner.withPropertyValues("tracing.messaging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitSendConvention.class)
				.doesNotHaveBean(RabbitProcessConvention.class));
	}

	@Test
	void springAmqpObservationsAreOnByDefault() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(environment.getProperty("spring.rabbitmq.template.observation-enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.rabbitmq.listener.simple.observation-enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.rabbitmq.listener.direct.observation-enabled")).isEqualTo("true");
	}

	@Test
	void messagingEnabledFalseLeavesSpringAmqpObservationsOff() {
		StandardEnvironment environment = environment(Map.of("tracing.messaging.enabled", "false"));
		assertThat(environment.getProperty("spring.rabbitmq.template.observation-enabled")).isNull();
		assertThat(environment.getProperty("spring.rabbitmq.listener.simple.observation-enabled")).isNull();
	}

	@Test
	void explicitSpringAmqpSettingWins() {
		StandardEnvironment environment = environment(
				Map.of("spring.rabbitmq.listener.simple.observation-enabled", "false"));
		assertThat(environment.getProperty("spring.rabbitmq.listener.simple.observation-enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.rabbitmq.template.observation-enabled")).isEqualTo("true");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		EngineSettingsFixture.apply(environment);
		return environment;
	}

}
