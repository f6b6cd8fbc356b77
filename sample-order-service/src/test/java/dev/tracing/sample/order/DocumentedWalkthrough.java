package dev.tracing.sample.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl walk-through of {@code docs/sample.md}, read from the document itself so the test
 * runs exactly the commands a newcomer copies. The block follows a
 * {@code <!-- walkthrough: ... -->} marker; each {@code curl} is preceded by a comment whose
 * {@code → NNN} gives the expected status.
 */
final class DocumentedWalkthrough {

	static final Path DOCUMENT = Path.of(System.getProperty("basedir", "."), "..", "docs", "sample.md").normalize();

	private static final Pattern EXPECTED_STATUS = Pattern.compile("→\\s*(\\d{3})\\s*$");

	private static final String DOCUMENTED_BASE_URL = "http://localhost:8080";

	private DocumentedWalkthrough() {
	}

	/** A documented request and the status the document promises. */
	record Command(String method, String path, List<String> headers, String body, int expectedStatus,
			String source) {

		Api.Response sendTo(Api api) {
			return api.send(this.method, this.path, this.body, this.headers.toArray(String[]::new));
		}

	}

	static List<Command> commands() {
		List<String> lines = walkthroughBlock();
		List<Command> commands = new ArrayList<>();
		Integer expected = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).trim();
			if (line.startsWith("#")) {
				Matcher status = EXPECTED_STATUS.matcher(line);
				if (status.find()) {
					expected = Integer.valueOf(status.group(1));
				}
				continue;
			}
			if (!line.startsWith("curl ")) {
				continue;
			}
			StringBuilder command = new StringBuilder();
			while (line.endsWith("\\")) {
				command.append(line, 0, line.length() - 1).append(' ');
				line = lines.get(++i).trim();
			}
			command.append(line);
			if (expected == null) {
				throw new IllegalStateException("No '→ status' comment before: " + command);
			}
			commands.add(parse(command.toString(), expected));
		}
		return commands;
	}

	private static List<String> walkthroughBlock() {
		List<String> lines;
		try {
			lines = Files.readAllLines(DOCUMENT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int marker = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("<!-- walkthrough:")) {
				marker = i;
				break;
			}
		}
		if (marker < 0) {
			throw new IllegalStateException("No '<!-- walkthrough:' marker in " + DOCUMENT);
		}
		int start = marker;
		while (!lines.get(start).startsWith("```")) {
			start++;
		}
		int end = start + 1;
		while (!lines.get(end).startsWith("```")) {
			end++;
		}
		return lines.subList(start + 1, end);
	}

	private static Command parse(String command, int expectedStatus) {
		List<String> words = shellWords(command);
		String method = "GET";
		String url = null;
		String body = null;
		List<String> headers = new ArrayList<>();
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			switch (word) {
				case "-X" -> method = words.get(++i);
				case "-H" -> {
					String[] header = words.get(++i).split(":\\s*", 2);
					if (!header[0].equalsIgnoreCase("Content-Type")) {
						headers.add(header[0]);
						headers.add(header[1]);
					}
				}
				case "-d" -> {
					body = words.get(++i);
					if (method.equals("GET")) {
						method = "POST";
					}
				}
				case "-i", "-s", "-sS" -> {
				}
				default -> {
					if (word.startsWith("-")) {
						throw new IllegalStateException("Unsupported curl option " + word + " in: " + command);
					}
					url = word;
				}
			}
		}
		if (url == null || !url.startsWith(DOCUMENTED_BASE_URL + "/")) {
			throw new IllegalStateException("Expected a URL under " + DOCUMENTED_BASE_URL + " in: " + command);
		}
		return new Command(method, url.substring(DOCUMENTED_BASE_URL.length()), headers, body, expectedStatus,
				command);
	}

	private static List<String> shellWords(String command) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		char quote = 0;
		for (char c : command.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
				inWord = true;
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

}
