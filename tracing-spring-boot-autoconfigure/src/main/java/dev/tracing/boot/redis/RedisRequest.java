package dev.tracing.boot.redis;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What a Redis command span is made from.
 *
 * @param operation the command name, such as {@code GET}
 * @param text the command as shown on the span, arguments hidden unless captured
 * @param server the address of the Redis server, or {@code null} if unknown
 */
record RedisRequest(String operation, String text, SocketAddress server) {

	String serverAddress() {
		return (this.server instanceof InetSocketAddress inet) ? inet.getHostString() : null;
	}

	Integer serverPort() {
		return (this.server instanceof InetSocketAddress inet) ? inet.getPort() : null;
	}

}
