package dev.tracing.boot.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracing of incoming HTTP requests.
 *
 * @param excludedUrls regular expressions searched anywhere in the request URL
 * ({@code scheme://host:port/path?query}); a matching request produces no span at all, and
 * none of its SQL, Redis or client spans either. A list, or one comma-separated string such
 * as {@code client/.*\/info,healthcheck}.
 */
@ConfigurationProperties("tracing.web")
public record WebTracingProperties(List<String> excludedUrls) {

	public WebTracingProperties {
		excludedUrls = (excludedUrls != null) ? excludedUrls.stream().map(String::trim).filter((url) -> !url.isEmpty()).toList()
				: List.of();
		for (int i = 0; i < excludedUrls.size(); i++) {
			try {
				Pattern.compile(excludedUrls.get(i));
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidTracingPropertyException("tracing.web.excluded-urls[" + i + "]", excludedUrls.get(i),
						"not a valid regular expression (" + ex.getDescription() + ")",
						"fix or remove the expression; patterns are searched anywhere in the URL, "
								+ "so /health excludes /health and /health/ready", ex);
			}
		}
	}

}
