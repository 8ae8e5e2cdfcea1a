package dev.actionlayer.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code actionlayer audit <file> [--trace ID]}: an audit log ({@code audit.jsonl}) as one timeline
 * per trace — a saga and its calls, or one call — for a developer finding out why an action
 * failed. Lines that are not audit events are reported on stderr with their line number and
 * skipped.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"An audit log as a timeline per trace, for debugging a failed action.", "",
        "Renders an audit log (JSON lines, as the demo and JsonLinesAuditSink write it) as a"
            + " timeline per trace: each call with its connection, every request (status, code, wait"
            + " before it, duration), the outcome and error, and the saga step it belonged to; a saga's"
            + " summary lists what it left behind."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:rendered", "1:no events (for that trace)", "2:the file cannot be read"})
final class AuditCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The audit log, one JSON event per line.")
  private Path file;

  @Option(names = "--trace", paramLabel = "ID",
      description = "Only this trace (the full id, or a unique prefix of at least 8 characters).")
  private String trace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, List<AuditRecord>> traces = new LinkedHashMap<>();
    // Reported once the whole file has been read: a file that turns out not to be text gets one line.
    List<String> skipped = new ArrayList<>();
    try {
      UserFiles.readLines(file, "an audit log is JSON lines, as the demo and JsonLinesAuditSink write it",
          (number, line) -> {
            if (line.isBlank()) return;
            try {
              AuditRecord r = AuditRecord.parse(line);
              traces.computeIfAbsent(r.traceId(), k -> new ArrayList<>()).add(r);
            } catch (AuditRecord.Malformed e) {
              skipped.add(String.format("%s:%d: skipped, not an audit event (%s)", file, number, e.getMessage()));
            }
          });
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + file);
    }
    skipped.forEach(err::println);
    List<String> ids = select(traces);
    if (ids.isEmpty()) {
      err.println(trace == null ? "no audit events in " + file : "no events for trace " + trace + " in " + file);
      return 1;
    }
    for (String id : ids) print(out, id, traces.get(id));
    int events = ids.stream().mapToInt(id -> traces.get(id).size()).sum();
    out.printf("%d trace(s), %d event(s)%s%n", ids.size(), events,
        skipped.isEmpty() ? "" : "; " + skipped.size() + " malformed line(s) skipped");
    return 0;
  }

  private List<String> select(Map<String, List<AuditRecord>> traces) {
    if (trace == null) return List.copyOf(traces.keySet());
    if (traces.containsKey(trace)) return List.of(trace);
    if (trace.length() < 8) throw new UsageException("--trace needs the full id or at least 8 characters of it");
    List<String> matches = traces.keySet().stream().filter(id -> id.startsWith(trace)).toList();
    if (matches.size() > 1) throw new UsageException("--trace " + trace + " matches " + matches.size() + " traces");
    return matches;
  }

  private static void print(PrintWriter out, String traceId, List<AuditRecord> events) {
    List<AuditRecord> sorted = new ArrayList<>(events);
    // The saga's summary is stamped when the saga started: sorted by time it heads its calls.
    sorted.sort(Comparator.comparing(AuditRecord::timestamp));
    Instant first = sorted.get(0).timestamp();
    Instant last = sorted.stream().map(e -> e.timestamp().plusMillis(e.durationMs()))
        .max(Comparator.naturalOrder()).orElse(first);
    AuditRecord saga = sorted.stream().filter(AuditRecord::isSaga).findFirst().orElse(null);
    long failed = sorted.stream().filter(e -> !e.isSaga() && !e.succeeded()).count();
    String what = saga != null
        ? "saga " + saga.context().getOrDefault("saga", "?") + " " + saga.context().getOrDefault("status", saga.outcome())
        : failed == 0 ? "all calls succeeded" : failed + " call(s) failed";
    out.printf("trace %s  %s  %s  (%d event(s), %d ms)%n", traceId, first.atOffset(ZoneOffset.UTC).toLocalDate(),
        what, events.size(), Duration.between(first, last).toMillis());
    for (AuditRecord e : sorted) {
      for (String line : EventFormat.lines(e)) out.println("  " + line);
    }
    out.println();
  }
}
