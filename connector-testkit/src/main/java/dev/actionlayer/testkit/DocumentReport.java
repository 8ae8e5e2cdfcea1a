package dev.actionlayer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the document check of each test class to {@code target/document-check/<TestClass>.txt}:
 * the document and its named corrections, one line per rule (requests validated, violations,
 * excepted, skipped, with each distinct message), the responses read, and a closing {@code TOTAL}
 * line to build a table from. Each run of a class starts its file afresh.
 */
final class DocumentReport implements BeforeAllCallback, AfterAllCallback {
  static final Path DIR = Path.of("target", "document-check");
  private static final Map<Class<?>, Totals> TOTALS = new ConcurrentHashMap<>();

  /** Running counts of one test class. */
  static final class Totals {
    int requests;
    int validated;
    int violations;
    int excepted;
    int skipped;
    int responsesRead;
    int responsesFailed;
    int responsesSkipped;
    boolean headed;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Files.createDirectories(DIR);
    Files.deleteIfExists(file(context.getRequiredTestClass()));
    TOTALS.put(context.getRequiredTestClass(), new Totals());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Totals t = TOTALS.remove(context.getRequiredTestClass());
    if (t == null || !t.headed) return;
    write(context.getRequiredTestClass(), String.format("TOTAL requests %d, validated %d, violations %d, excepted %d, "
        + "skipped %d; responses read %d, failed %d, skipped %d", t.requests, t.validated, t.violations, t.excepted,
        t.skipped, t.responsesRead, t.responsesFailed, t.responsesSkipped));
  }

  private static Path file(Class<?> testClass) {
    return DIR.resolve(testClass.getSimpleName() + ".txt");
  }

  private static Totals totals(Class<?> testClass, String header) {
    Totals t = TOTALS.computeIfAbsent(testClass, c -> new Totals());
    synchronized (t) {
      if (!t.headed) {
        t.headed = true;
        write(testClass, header);
      }
    }
    return t;
  }

  /** Records the verdicts of one rule's requests. */
  static void rule(Class<?> testClass, String header, String rule, Collection<DocumentCheck.Verdict> verdicts) {
    Totals t = totals(testClass, header);
    int validated = 0;
    int violations = 0;
    int excepted = 0;
    int skipped = 0;
    Set<String> details = new LinkedHashSet<>();
    for (DocumentCheck.Verdict v : verdicts) {
      String at = v.method() + " " + v.path() + (v.operation() == null ? "" : " (" + v.operation() + ")");
      if (!v.validated()) {
        skipped++;
        details.add("  SKIPPED " + v.method() + ": " + v.skippedBecause());
        continue;
      }
      validated++;
      violations += v.violations().size();
      excepted += v.excepted().size();
      for (String m : v.violations()) details.add("  VIOLATION " + at + ": " + m);
      for (String m : v.excepted()) details.add("  EXCEPTED " + at + ": " + m);
    }
    synchronized (t) {
      t.requests += verdicts.size();
      t.validated += validated;
      t.violations += violations;
      t.excepted += excepted;
      t.skipped += skipped;
    }
    StringBuilder b = new StringBuilder(String.format("RULE %s: requests %d, validated %d, violations %d, excepted %d, "
        + "skipped %d", rule, verdicts.size(), validated, violations, excepted, skipped));
    for (String d : details) b.append(System.lineSeparator()).append(d);
    write(testClass, b.toString());
  }

  /** Records a rule's requests that no document checked. */
  static void undocumented(Class<?> testClass, String header, String rule, int requests) {
    Totals t = totals(testClass, header);
    synchronized (t) {
      t.requests += requests;
      t.skipped += requests;
    }
    write(testClass, "RULE " + rule + ": requests " + requests + ", validated 0 (no document)");
  }

  /** Records one document response served to the connector: read, failed or skipped. */
  static void response(Class<?> testClass, String header, String verdict, String line) {
    Totals t = totals(testClass, header);
    synchronized (t) {
      switch (verdict) {
        case "READ" -> t.responsesRead++;
        case "FAILED" -> t.responsesFailed++;
        default -> t.responsesSkipped++;
      }
    }
    write(testClass, "RESPONSE " + verdict + " " + line);
  }

  private static void write(Class<?> testClass, String text) {
    try {
      Files.createDirectories(DIR);
      synchronized (DocumentReport.class) {
        Files.writeString(file(testClass), text + System.lineSeparator(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
