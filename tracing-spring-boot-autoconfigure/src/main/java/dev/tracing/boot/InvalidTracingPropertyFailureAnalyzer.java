package dev.tracing.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an {@link InvalidTracingPropertyException} as a start-up failure that names the
 * property, the bad value and the fix. Ordered first so that it wins over Spring Boot's
 * generic binding report when the exception surfaces through property binding.
 */
class InvalidTracingPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTracingPropertyException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTracingPropertyException cause) {
		String description = cause.getMessage();
		String action = "Update '" + cause.getProperty() + "' in your configuration: " + cause.getFix();
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
