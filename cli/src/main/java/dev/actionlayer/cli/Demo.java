package dev.actionlayer.cli;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Contact;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.saga.SagaResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The story of why Actionlayer exists, on embedded fake vendors: an agent onboards three customers
 * as sagas (Salesforce contact, Drive folder, Stripe customer, Jira task). Drive goes down: the
 * folder is retried with backoff, the breaker opens, the contact is deleted again, and the next
 * customer's folder fails fast without touching Drive. Drive recovers and Jira rate-limits: the
 * 429's {@code Retry-After} is waited out and the saga completes. Then the same three onboardings
 * with plain HTTP POSTs against fresh fakes in the same state, and both sides' counts, as the
 * vendors saw them, side by side.
 */
final class Demo {
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);
  /** Shorter than the default 30 s so that the demo sees the breaker close again. */
  static final Duration BREAKER_OPEN = Duration.ofSeconds(3);
  static final List<DemoVendors.Customer> CUSTOMERS = List.of(
      new DemoVendors.Customer("Ada", "Lovelace", "ada@example.com"),
      new DemoVendors.Customer("Alan", "Turing", "alan@example.com"),
      new DemoVendors.Customer("Grace", "Hopper", "grace@example.com"));

  /** What the demo did, for its caller and its tests. */
  record Report(List<SagaResult> sagas, Scoreboard with, Scoreboard without) {
    /**
     * Whether the story went as told: both outage sagas undone, the last completed, nothing left
     * behind with Actionlayer and something left behind without it.
     */
    boolean asExpected() {
      return sagas.get(0).status() == SagaResult.Status.COMPENSATED
          && sagas.get(1).status() == SagaResult.Status.COMPENSATED
          && sagas.get(2).status() == SagaResult.Status.COMPLETED
          && with.orphanRecords() == 0 && without.orphanRecords() > 0;
    }
  }

  private final PrintWriter out;
  private final Path auditFile;
  private final String auditCommand;

  /**
   * @param auditCommand how the reader invokes the {@code audit} subcommand, for the closing hint
   */
  Demo(PrintWriter out, Path auditFile, String auditCommand) {
    this.out = out;
    this.auditFile = auditFile;
    this.auditCommand = auditCommand;
  }

  Report run() throws Exception {
    long started = System.nanoTime();
    out.println("Actionlayer demo: an agent onboards customers, each as one saga over four vendors:");
    out.println("  Salesforce contact -> Google Drive folder -> Stripe customer -> Jira task");
    out.println("The vendors are embedded fakes on loopback: no credentials, no network.");
    List<SagaResult> sagas;
    Scoreboard with;
    int events;
    try (DemoVendors vendors = new DemoVendors(); JsonLinesAuditSink file = JsonLinesAuditSink.open(auditFile)) {
      LiveTimeline timeline = new LiveTimeline(out, file);
      out.printf("Every call is audited to %s as it happens.%n", auditFile);
      try (ActionLayer layer = layer(vendors, timeline)) {
        sagas = withActionlayer(layer, vendors, timeline);
      }
      with = Scoreboard.count(vendors, CUSTOMERS, completed(sagas));
      events = timeline.events().size();
    }
    Scoreboard without;
    try (DemoVendors vendors = new DemoVendors()) {
      without = withoutActionlayer(vendors);
    }
    section("Side by side, as counted by the fake vendors");
    Scoreboard.print(out, with, without);
    Report report = new Report(sagas, with, without);
    out.printf("%n%d audit events appended to %s. One saga's story, as a developer debugging it reads it:%n",
        events, auditFile);
    out.printf("   %s %s --trace %s%n", auditCommand, auditFile, sagas.get(0).traceId());
    if (!report.asExpected()) {
      out.println("\nThe story did not go as told above: this is a defect, please report it with the output.");
    }
    out.printf("Done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    return report;
  }

  private static ActionLayer layer(DemoVendors v, LiveTimeline timeline) {
    // Faster than the defaults so that the demo is short, but every wait is still real.
    UnaryOperator<ConnectionPolicy.Builder> policy = p -> p
        .backoff(Duration.ofMillis(400), Duration.ofSeconds(2))
        .breaker(3, 10, BREAKER_OPEN);
    return v.layer(policy)
        .principal("onboarding-agent")
        .auditSink(timeline)
        .sleeper(timeline.sleeper())
        .build();
  }

  private List<SagaResult> withActionlayer(ActionLayer layer, DemoVendors v, LiveTimeline timeline)
      throws InterruptedException {
    section("With Actionlayer");
    List<SagaResult> results = new ArrayList<>();

    chapter("1. Google Drive goes down: every folder create gets a 503 page. The agent onboards "
        + CUSTOMERS.get(0).fullName() + ".");
    v.driveGoesDown();
    SagaResult ada = onboard(layer, CUSTOMERS.get(0));
    results.add(ada);
    conclude(ada, "the folder create was sent " + requestsSent(timeline, ada, "folders.create", "call")
        + " times with backoff between them, Drive's breaker is " + layer.breakerState("drive")
        + ", and the Salesforce contact is " + ada.step("contact").status());

    chapter("2. Drive is still down. The agent onboards " + CUSTOMERS.get(1).fullName() + ".");
    int driveBefore = v.drive.requestCount();
    SagaResult alan = onboard(layer, CUSTOMERS.get(1));
    results.add(alan);
    conclude(alan, "the folder failed with " + alan.failure().map(e -> e.code().name()).orElse("no error")
        + ", Drive received " + (v.drive.requestCount() - driveBefore) + " requests, and the contact is "
        + alan.step("contact").status());

    v.driveRecovers();
    Duration wait = alan.failure().flatMap(ActionError::retryAfter).orElse(Duration.ZERO);
    chapter("3. Drive recovers. The agent waits the " + wait.toMillis() + " ms its last error asked for"
        + " (retryAfter), then onboards " + CUSTOMERS.get(2).fullName() + ".\n   Jira's burst allowance is"
        + " spent: creates get 429 with Retry-After: " + RETRY_AFTER.toSeconds() + ".");
    v.jiraRateLimits(RETRY_AFTER);
    Thread.sleep(wait.toMillis());
    SagaResult grace = onboard(layer, CUSTOMERS.get(2));
    results.add(grace);
    conclude(grace, "the breaker let a trial folder create through (breaker now " + layer.breakerState("drive")
        + "), and the Jira task was resent after waiting " + waitBeforeLastRequest(timeline, grace, "tasks.create")
        + " ms, as Retry-After: " + RETRY_AFTER.toSeconds() + " asked");
    return results;
  }

  private SagaResult onboard(ActionLayer layer, DemoVendors.Customer c) {
    out.printf("   saga onboard-customer for %s:%n", c.fullName());
    return layer.saga("onboard-customer")
        .step("contact", s -> s.contacts("sf").create(new NewContact(c.firstName(), c.lastName(), c.email())))
        .step("folder", s -> s.folders("drive").create(new NewFolder(c.fullName(), null)))
        .step("customer", s -> s.contacts("stripe").create(new NewContact(c.firstName(), c.lastName(), c.email())))
        .step("task", s -> s.tasks("jira").create(new NewTask(DemoVendors.JIRA_PROJECT, c.taskTitle(),
            "Salesforce contact " + s.output("contact", Contact.class).id())))
        .run();
  }

  private Scoreboard withoutActionlayer(DemoVendors v) throws InterruptedException {
    section("Without Actionlayer: plain HTTP POSTs, each resent at once up to " + NaiveClient.TRIES
        + " times, nothing undone");
    out.println("   (fresh fake vendors, the same incidents in the same order)");
    NaiveClient naive = new NaiveClient(v);
    List<Boolean> completed = new ArrayList<>();
    v.driveGoesDown();
    for (int i = 0; i < CUSTOMERS.size(); i++) {
      if (i == 2) {
        v.driveRecovers();
        v.jiraRateLimits(RETRY_AFTER);
      }
      NaiveClient.Outcome o = naive.onboard(CUSTOMERS.get(i));
      completed.add(o.completed());
      out.printf("   %-14s %s%n", CUSTOMERS.get(i).fullName() + ":", o.completed() ? "completed"
          : "gave up at the " + o.failedStep() + " (HTTP " + o.lastStatus() + "), leaving "
          + v.recordsOf(CUSTOMERS.get(i)) + " record(s) behind");
    }
    return Scoreboard.count(v, CUSTOMERS, completed);
  }

  private static List<Boolean> completed(List<SagaResult> sagas) {
    return sagas.stream().map(r -> r.status() == SagaResult.Status.COMPLETED).toList();
  }

  /** The audit event of the saga's first {@code operation} call (the demo's sagas make one of each). */
  private static Optional<AuditEvent> event(LiveTimeline timeline, SagaResult r, String operation) {
    return timeline.events().stream()
        .filter(e -> r.traceId().equals(e.traceId()) && operation.equals(e.operation())).findFirst();
  }

  /** Requests of {@code kind} ({@code call}, {@code aux}) that the saga's {@code operation} sent. */
  private static long requestsSent(LiveTimeline timeline, SagaResult r, String operation, String kind) {
    return event(timeline, r, operation).map(e -> e.attempts().stream()
        .filter(a -> a.sent() && a.kind().equals(kind)).count()).orElse(0L);
  }

  private static long waitBeforeLastRequest(LiveTimeline timeline, SagaResult r, String operation) {
    return event(timeline, r, operation).filter(e -> !e.attempts().isEmpty())
        .map(e -> e.attempts().get(e.attempts().size() - 1).delayBeforeMs()).orElse(0L);
  }

  private void conclude(SagaResult r, String what) {
    out.printf("   => saga %s: %s.%n", r.status(), what);
  }

  private void section(String title) {
    out.printf("%n== %s ==%n", title);
  }

  private void chapter(String title) {
    out.printf("%n%s%n", title);
  }
}
