package dev.actionlayer.benchmarks;

import dev.actionlayer.internal.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostic, no network: what the audit event's redaction of the upstream body costs on its own.
 * Every {@code tasks.get} through the layer passes the response body (up to 8 KiB) through
 * {@link Redactor#text} while building its audit event, whatever the sink. This measures that
 * single call on the same 1.6 KB IssueBean the {@link TasksGetBenchmark} stub serves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AuditRedactionBenchmark {
  private final List<String> secrets = List.of("bench-token", Base64.getEncoder()
      .encodeToString("bench@example.com:bench-token".getBytes(StandardCharsets.UTF_8)));
  private final Redactor redactor = new Redactor(() -> secrets);
  private final String body = JiraStub.ISSUE_JSON;

  /** {@code Redactor.text} over the IssueBean body, as {@code Audits.upstream} calls it. */
  @Benchmark
  public String redactIssueBody() {
    return redactor.text(body);
  }
}
