package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command tells the story it promises: the saga compensated, the rate limit
 * honoured, the naive client's orphans and hammering counted by the vendors, and every call of a
 * saga under one trace in the audit file.
 */
class DemoTest {

  @Test
  void theDemoCompensatesHonoursRetryAfterAndCountsTheNaiveClientsDamage(@TempDir Path dir) throws Exception {
    Path audit = dir.resolve("logs/audit.jsonl");

    Cli r = Cli.run("demo", "--audit-file", audit.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String out = r.out();
    assertThat(out)
        .contains("=> saga COMPENSATED: the folder create was sent 3 times with backoff between them,"
            + " Drive's breaker is OPEN, and the Salesforce contact is COMPENSATED")
        .contains("=> saga COMPENSATED: the folder failed with CIRCUIT_OPEN, Drive received 0 requests")
        .contains("=> saga COMPLETED")
        .contains("... waiting 2000 ms before the next request")
        .contains("Jira task was resent after waiting 2000 ms, as Retry-After: 2 asked")
        .doesNotContain("demo-token", "sk_test_demo");
    // Exact on Actionlayer's side. On the naive side, what Jira saw depends on its five immediate
    // tries all landing within the 2 s window, which a stalled machine could in theory miss.
    int[] completed = row(out, "onboardings completed", "(\\d) of 3\\s+(\\d) of 3");
    assertThat(completed[0]).isEqualTo(1);
    assertThat(completed[1]).isLessThanOrEqualTo(1);
    int[] drive = row(out, "requests sent to Drive while it was down", "(\\d+)\\s+(\\d+)");
    assertThat(drive[1]).as("naive Drive requests").isEqualTo(2 * NaiveClient.TRIES).isGreaterThan(2 * drive[0]);
    int[] contacts = row(out, "Salesforce contacts left behind \\(orphans\\)", "(\\d+)\\s+(\\d+)");
    assertThat(contacts[0]).isZero();
    assertThat(contacts[1]).isBetween(2, 3);
    assertThat(row(out, "records left behind at the four vendors", "(\\d+)\\s+(\\d+)")[0]).isZero();
    int[] early = row(out, "Jira retries sent before Retry-After had passed", "(\\d+)\\s+(\\d+)");
    assertThat(early[0]).isZero();
    assertThat(early[1]).isBetween(1, NaiveClient.TRIES - 1);
    assertThat(row(out, "Jira retries that waited as Retry-After asked", "(\\d+)\\s+(\\d+)")[0]).isEqualTo(1);

    Map<String, List<Map<String, Object>>> traces = new LinkedHashMap<>();
    for (String line : Files.readAllLines(audit)) {
      Map<String, Object> event = Json.objectOrNull(line);
      assertThat(event).containsKeys("traceId", "attempts", "outcome");
      traces.computeIfAbsent((String) event.get("traceId"), k -> new ArrayList<>()).add(event);
    }
    assertThat(Files.readString(audit)).doesNotContain("demo-token", "sk_test_demo");
    assertThat(traces).hasSize(3);
    List<Map<String, Object>> ada = traces.values().iterator().next();
    assertThat(ada).extracting(e -> e.get("operation"))
        .containsExactly("contacts.create", "folders.create", "contacts.delete", "saga.run");
    Object sagaId = ((Map<?, ?>) ada.get(3).get("context")).get("sagaId");
    assertThat(ada).extracting(e -> (Object) ((Map<?, ?>) e.get("context")).get("sagaId")).containsOnly(sagaId);
    assertThat(((Map<?, ?>) ada.get(3).get("context")).get("status")).isEqualTo("COMPENSATED");
    String adaTrace = (String) ada.get(0).get("traceId");
    assertThat(out).contains("--trace " + adaTrace);

    Map<String, Object> task = traces.values().stream().skip(2).findFirst().orElseThrow().stream()
        .filter(e -> "tasks.create".equals(e.get("operation"))).findFirst().orElseThrow();
    List<?> attempts = (List<?>) task.get("attempts");
    assertThat(((Map<?, ?>) attempts.get(0)).get("code")).isEqualTo("RATE_LIMITED");
    assertThat(((Number) ((Map<?, ?>) attempts.get(1)).get("delayBeforeMs")).longValue()).isGreaterThanOrEqualTo(2000);

    // The hint the demo prints works on the file it wrote.
    Cli timeline = Cli.run("audit", audit.toString(), "--trace", adaTrace);
    assertThat(timeline.exitCode()).isZero();
    assertThat(timeline.out()).contains("trace " + adaTrace, "saga onboard-customer COMPENSATED",
        "undo of step contact", "1 trace(s), 4 event(s)");
  }

  @Test
  void anAuditFileThatCannotBeWrittenStopsTheDemoBeforeItStarts(@TempDir Path dir) throws Exception {
    Path readOnly = Files.writeString(dir.resolve("read-only.jsonl"), "");
    readOnly.toFile().setWritable(false, false);

    for (Path auditFile : List.of(dir, readOnly)) {
      long started = System.nanoTime();
      Cli r = Cli.run("demo", "--audit-file", auditFile.toString());

      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.out()).as("the story did not start").isEmpty();
      assertThat(r.err().strip()).doesNotContain("\n", "Exception").startsWith("actionlayer demo: --audit-file " + auditFile);
      assertThat(System.nanoTime() - started).as("no story was told").isLessThan(2_000_000_000L);
    }
  }

  /** The two numbers of a row of the side-by-side table. */
  private static int[] row(String out, String label, String numbers) {
    Matcher m = Pattern.compile(label + "\\s+" + numbers).matcher(out);
    assertThat(m.find()).as("row '" + label + "' in%n" + out).isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }
}
