package dev.tracing.boot.jdbc;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Drops the database statements made with no span current before the application is ready
 * (see {@link StartupStatements}); every other span goes to the delegate.
 */
final class StartupStatementSampler implements Sampler {

	private static final SamplingResult DROP = SamplingResult.drop();

	private final StartupStatements startupStatements;

	private final Sampler delegate;

	StartupStatementSampler(StartupStatements startupStatements, Sampler delegate) {
		this.startupStatements = startupStatements;
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		if (this.startupStatements.isUntracedStartupStatement(parentContext, spanKind, attributes)) {
			return DROP;
		}
		return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "StartupStatementSampler{untraced start-up statements dropped, otherwise="
				+ this.delegate.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
