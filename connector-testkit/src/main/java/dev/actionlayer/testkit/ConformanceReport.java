package dev.actionlayer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Writes one line per rule and verdict to {@code target/conformance/<TestClass>.txt} (PASSED,
 * FAILED with the reason, or SKIPPED with the reason), so a connector's CI shows the whole rule
 * list. Each run of a class starts its file afresh.
 */
final class ConformanceReport implements TestWatcher, BeforeAllCallback {
  static final Path DIR = Path.of("target", "conformance");

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Files.createDirectories(DIR);
    Files.deleteIfExists(file(context));
  }

  private static Path file(ExtensionContext context) {
    return DIR.resolve(context.getRequiredTestClass().getSimpleName() + ".txt");
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    write(context, "PASSED", null);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    write(context, "FAILED", cause.getMessage());
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    write(context, "SKIPPED", cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    write(context, "SKIPPED", reason.orElse("disabled"));
  }

  private static void write(ExtensionContext context, String verdict, String reason) {
    String line = verdict + " " + context.getRequiredTestMethod().getName()
        + (reason == null ? "" : ": " + reason.replaceAll("\\s+", " ").trim()) + System.lineSeparator();
    try {
      Files.createDirectories(DIR);
      synchronized (ConformanceReport.class) {
        Files.writeString(file(context), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
