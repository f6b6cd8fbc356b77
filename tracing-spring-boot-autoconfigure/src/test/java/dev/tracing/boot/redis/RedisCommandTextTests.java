package dev.tracing.boot.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisCommandTextTests {

	private final RedisCommandText hidden = new RedisCommandText(false);

	private final RedisCommandText captured = new RedisCommandText(true);

	@Test
	void hidesEveryArgumentByDefault() {
		assertThat(this.hidden.render("SET", args().addKey("user:ann@example.com").addValue("secret").add("EX").add(60)))
			.isEqualTo("SET ? ? ? ?");
		assertThat(this.hidden.render("GET", args().addKey("k"))).isEqualTo("GET ?");
		assertThat(this.hidden.render("PING", args())).isEqualTo("PING");
		assertThat(this.hidden.render("PING", null)).isEqualTo("PING");
	}

	@Test
	void showsArgumentsAsSentWhenCaptured() {
		assertThat(this.captured.render("SET", args().addKey("cart:42").addValue("a b c").add("EX").add(60)))
			.isEqualTo("SET cart:42 a b c EX 60");
		assertThat(this.captured.render("HGETALL", args().addKey("émoji:☕"))).isEqualTo("HGETALL émoji:☕");
	}

	@Test
	void neverShowsCredentials() {
		assertThat(this.captured.render("AUTH", args().add("admin").add("hunter2"))).isEqualTo("AUTH ? ?");
		assertThat(this.captured.render("HELLO", args().add(3).add("AUTH").add("admin").add("hunter2")))
			.isEqualTo("HELLO ? ? ? ?");
		assertThat(this.captured.render("MIGRATE", args().add("host").add("AUTH").add("pw"))).isEqualTo("MIGRATE ? ? ?");
	}

	@Test
	void cutsLongCommandsAtTheLimit() {
		String text = this.captured.render("SET", args().addKey("k").addValue("x".repeat(5000)));
		assertThat(text).hasSize(RedisCommandText.MAX_LENGTH).startsWith("SET k xxx");
	}

	@Test
	void errorPrefixIsTheUpperCaseCode() {
		assertThat(RedisAttributesGetter.errorPrefix("WRONGTYPE Operation against a key")).isEqualTo("WRONGTYPE");
		assertThat(RedisAttributesGetter.errorPrefix("ERR value is not an integer")).isEqualTo("ERR");
		assertThat(RedisAttributesGetter.errorPrefix("Connection closed")).isNull();
		assertThat(RedisAttributesGetter.errorPrefix(null)).isNull();
	}

	private static CommandArgs<String, String> args() {
		return new CommandArgs<>(StringCodec.UTF8);
	}

}
