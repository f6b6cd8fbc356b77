package dev.tracing.boot.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven through chromedriver, for browser tests of the trace
 * viewer. Tests are skipped, saying why, where Chromium is not installed
 * ({@code apt-get install -y chromium chromium-driver}); {@code TRACING_TEST_CHROMIUM} and
 * {@code TRACING_TEST_CHROMEDRIVER} point at other binaries.
 */
public final class HeadlessChromium implements AutoCloseable {

	private final WebDriver driver;

	private final Path profile;

	private HeadlessChromium(WebDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts a browser with a fresh profile, or skips the calling test without one. */
	public static HeadlessChromium start() {
		Path chromium = executable("TRACING_TEST_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser",
				"/usr/bin/google-chrome");
		Path driverBinary = executable("TRACING_TEST_CHROMEDRIVER", "/usr/bin/chromedriver",
				"/usr/lib/chromium/chromedriver");
		assumeTrue(chromium != null && driverBinary != null,
				"Chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver); "
						+ "skipping the browser test of the trace viewer");
		try {
			Path profile = Files.createTempDirectory("tracing-chromium-profile");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--window-size=1440,900",
					"--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(driverBinary.toFile())
				.usingAnyFreePort()
				.build();
			return new HeadlessChromium(new ChromeDriver(service, options), profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	public byte[] screenshot() {
		return ((ChromeDriver) this.driver).getScreenshotAs(OutputType.BYTES);
	}

	/**
	 * Polls until the condition returns a value other than null; exceptions while polling
	 * (elements replaced by a refresh) count as not yet.
	 */
	public static <T> T await(Supplier<T> condition, String what, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				T value = condition.get();
				if (value != null) {
					return value;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("Timed out waiting for " + what, last);
	}

	/** Writes a file, creating its directory. */
	public static void write(Path path, byte[] content) {
		try {
			if (path.getParent() != null) {
				Files.createDirectories(path.getParent());
			}
			Files.write(path, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> paths = Files.walk(this.profile)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

	private static Path executable(String variable, String... candidates) {
		String configured = System.getenv(variable);
		Stream<String> paths = (configured != null) ? Stream.of(configured) : Stream.of(candidates);
		return paths.map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
	}

}
