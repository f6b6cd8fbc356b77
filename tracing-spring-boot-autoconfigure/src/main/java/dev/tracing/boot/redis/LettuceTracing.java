package dev.tracing.boot.redis;

import java.net.SocketAddress;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TracedCommand;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.DbClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.db.DbClientSpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.internal.SemconvStability;
import io.opentelemetry.semconv.DbAttributes;

/**
 * Lettuce's tracing SPI, implemented directly on the OpenTelemetry SDK the engine built: one
 * client span per command, child of the span that was current on the thread that sent the
 * command (Lettuce writes commands on its own event-loop threads, so the context is captured
 * when the command is dispatched). Pipelined commands each get their own span. Commands the
 * connection sends for itself (the HELLO and CLIENT handshake) are not traced.
 */
final class LettuceTracing implements Tracing {

	/** Instrumentation scope of the Redis command spans. */
	static final String SCOPE = "dev.tracing.boot.redis";

	private final Instrumenter<RedisRequest, Void> instrumenter;

	private final RedisCommandText commandText;

	private final Tracer tracer = new CommandTracer();

	private final TraceContextProvider dispatchContext = () -> new CapturedContext(Context.current());

	LettuceTracing(Instrumenter<RedisRequest, Void> instrumenter, RedisCommandText commandText) {
		this.instrumenter = instrumenter;
		this.commandText = commandText;
	}

	/**
	 * Creates the tracing for Lettuce's {@code ClientResources}.
	 * @param openTelemetry the engine's OpenTelemetry
	 * @param captureArguments whether command arguments appear on the spans
	 * @return the tracing
	 */
	static LettuceTracing create(OpenTelemetry openTelemetry, boolean captureArguments) {
		RedisAttributesGetter getter = new RedisAttributesGetter();
		Instrumenter<RedisRequest, Void> instrumenter = Instrumenter
			.<RedisRequest, Void>builder(openTelemetry, SCOPE, DbClientSpanNameExtractor.create(getter))
			.addAttributesExtractor(DbClientAttributesExtractor.create(getter))
			.addAttributesExtractor(new ErrorReplyCode())
			.buildInstrumenter(SpanKindExtractor.alwaysClient());
		return new LettuceTracing(instrumenter, new RedisCommandText(captureArguments));
	}

	@Override
	public TracerProvider getTracerProvider() {
		return () -> this.tracer;
	}

	@Override
	public TraceContextProvider initialTraceContextProvider() {
		return this.dispatchContext;
	}

	@Override
	public boolean isEnabled() {
		return true;
	}

	@Override
	public boolean includeCommandArgsInSpanTags() {
		return false;
	}

	@Override
	public Endpoint createEndpoint(SocketAddress socketAddress) {
		return new ServerEndpoint(socketAddress);
	}

	/** Records the code of a Redis error reply, such as WRONGTYPE, as db.response.status_code. */
	private static final class ErrorReplyCode implements AttributesExtractor<RedisRequest, Void> {

		@Override
		public void onStart(AttributesBuilder attributes, Context parentContext, RedisRequest request) {
		}

		@Override
		public void onEnd(AttributesBuilder attributes, Context context, RedisRequest request, Void response,
				Throwable error) {
			if (error != null && SemconvStability.emitStableDatabaseSemconv()) {
				String code = RedisAttributesGetter.errorPrefix(error.getMessage());
				if (code != null) {
					attributes.put(DbAttributes.DB_RESPONSE_STATUS_CODE, code);
				}
			}
		}

	}

	/** The OpenTelemetry context that was current when a command was dispatched. */
	private record CapturedContext(Context context) implements TraceContext {
	}

	private record ServerEndpoint(SocketAddress address) implements Endpoint {
	}

	private final class CommandTracer extends Tracer {

		@Override
		public Span nextSpan() {
			return new CommandSpan(null);
		}

		@Override
		public Span nextSpan(TraceContext traceContext) {
			return new CommandSpan((traceContext instanceof CapturedContext captured) ? captured.context() : null);
		}

	}

	private final class CommandSpan extends Tracer.Span {

		private final Context parent;

		private SocketAddress server;

		private Throwable error;

		CommandSpan(Context parent) {
			this.parent = parent;
		}

		@Override
		public Tracer.Span start(RedisCommand<?, ?, ?> command) {
			if (this.parent == null || CommandWrapper.unwrap(command, TracedCommand.class) == null
					|| !(command instanceof CompleteableCommand<?> completeable)) {
				// Not dispatched by the client API: the connection's own handshake.
				return this;
			}
			String operation = command.getType().toString();
			RedisRequest request = new RedisRequest(operation,
					LettuceTracing.this.commandText.render(operation, command.getArgs()), this.server);
			if (!LettuceTracing.this.instrumenter.shouldStart(this.parent, request)) {
				return this;
			}
			Context context = LettuceTracing.this.instrumenter.start(this.parent, request);
			completeable.onComplete((result, throwable) -> LettuceTracing.this.instrumenter.end(context, request, null,
					failure(command, throwable)));
			return this;
		}

		private Throwable failure(RedisCommand<?, ?, ?> command, Throwable throwable) {
			if (throwable != null) {
				return throwable;
			}
			CommandOutput<?, ?, ?> output = command.getOutput();
			String reply = (output != null) ? output.getError() : null;
			if (reply != null) {
				return new RedisCommandExecutionException(reply);
			}
			return this.error;
		}

		@Override
		public Tracer.Span name(String name) {
			return this;
		}

		@Override
		public Tracer.Span annotate(String value) {
			return this;
		}

		@Override
		public Tracer.Span tag(String key, String value) {
			return this;
		}

		@Override
		public Tracer.Span error(Throwable throwable) {
			this.error = throwable;
			return this;
		}

		@Override
		public Tracer.Span remoteEndpoint(Endpoint endpoint) {
			if (endpoint instanceof ServerEndpoint serverEndpoint) {
				this.server = serverEndpoint.address();
			}
			return this;
		}

		@Override
		public void finish() {
			// The span ends when its command completes.
		}

	}

}
