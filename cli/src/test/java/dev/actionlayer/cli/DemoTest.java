package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command tells the story it promises, and writes one audit line per call. */
class DemoTest {

  @Test
  void theDemoShowsTheHonouredRateLimitTheOpenBreakerAndNoDuplicateIssue(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path audit = dir.resolve("audit.jsonl");

    new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), audit).run();

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("waited  2000 ms before")
        .contains("CIRCUIT_OPEN")
        .contains("breaker of 'jira' is OPEN")
        .contains("OUTCOME_UNKNOWN")
        .contains("Jira holds 1 new issue (not 2)")
        .contains("reconciled")
        .doesNotContain("demo-api-token");
    List<String> lines = Files.readAllLines(audit);
    assertThat(lines).hasSize(9);
    for (String line : lines) {
      Map<String, Object> event = Json.objectOrNull(line);
      assertThat(event).containsKeys("traceId", "attempts", "outcome", "breakerState");
    }
  }
}
