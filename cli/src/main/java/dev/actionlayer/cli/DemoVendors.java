package dev.actionlayer.cli;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.stripe.Stripe;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The four vendors of the onboarding story as stateful fakes on loopback, with the two incidents
 * the demo stages: a Drive outage (every folder create answered by Google's 503 page) and a Jira
 * rate limit (creates refused with 429 and {@code Retry-After} until it has passed). Both sides of
 * the demo get their own instance in the same state, so every count is read from the vendor that
 * received the requests.
 */
final class DemoVendors implements AutoCloseable {
  /** The project the story's tasks are filed in. */
  static final String JIRA_PROJECT = "ONB";
  /**
   * The project key the tools' schema gives as its example ("a Jira project key such as PROJ"):
   * an MCP client following the schema on {@code mcp --demo} gets a task, not INVALID_REQUEST.
   */
  static final String SCHEMA_EXAMPLE_PROJECT = "PROJ";
  static final String SF_KEY_FIELD = "Actionlayer_Key__c";

  final FakeSalesforce salesforce = new FakeSalesforce().externalIdField("Contact", SF_KEY_FIELD);
  final FakeDrive drive = new FakeDrive();
  final FakeStripe stripe = new FakeStripe();
  final FakeJira jira = new FakeJira().projects(JIRA_PROJECT, SCHEMA_EXAMPLE_PROJECT);
  private RateLimitWindow jiraLimit;
  private int driveRequestsBeforeOutage = -1;
  private int driveRequestsDuringOutage;

  DemoVendors() {
    salesforce.start();
    drive.start();
    stripe.start();
    jira.start();
  }

  /**
   * A layer builder with the four connections on these fakes, each with every create repeatable
   * or findable by key ({@code sf}, {@code drive}, {@code stripe}, {@code jira}); demo credentials
   * that are not secrets.
   */
  ActionLayer.Builder layer(UnaryOperator<ConnectionPolicy.Builder> policy) {
    return ActionLayer.builder()
        .connection("sf", Salesforce.builder(salesforce.uri(), Credentials.bearer("sf-demo-token"))
            .contactExternalIdField(SF_KEY_FIELD).build(), policy)
        .connection("drive", GoogleDrive.connector(drive.uri(), Credentials.bearer("drive-demo-token")), policy)
        .connection("stripe", Stripe.connector(stripe.uri(), Credentials.bearer("sk_test_demo")), policy)
        .connection("jira", Jira.builder(jira.uri(), Credentials.basic("agent@example.com", "jira-demo-token"))
            .dedupeLabels(true).build(), policy);
  }

  /** Drive starts answering every folder create with its HTML 503 page. */
  void driveGoesDown() {
    driveRequestsBeforeOutage = drive.requestCount();
    drive.on(Requests.creates()).always().respond(Fault.html(503));
  }

  /** Drive answers normally again. */
  void driveRecovers() {
    driveRequestsDuringOutage = drive.requestCount() - driveRequestsBeforeOutage;
    drive.clearFaults();
  }

  /** Requests Drive received while it was down. */
  int driveRequestsDuringOutage() {
    return driveRequestsDuringOutage;
  }

  /** Jira's burst allowance is spent: creates get 429 with {@code Retry-After} until it passed. */
  void jiraRateLimits(Duration retryAfter) {
    jiraLimit = new RateLimitWindow(retryAfter);
    String reset = Instant.now().plus(retryAfter).toString();
    jira.on(jiraLimit).always()
        .respond(FakeJira.rateLimited429Json((int) retryAfter.toSeconds(), reset, "jira-burst-based"));
  }

  /** What Jira saw during its rate limit, or null before {@link #jiraRateLimits}. */
  RateLimitWindow jiraLimit() {
    return jiraLimit;
  }

  /** Requests received by the four vendors together. */
  int requestCount() {
    return salesforce.requestCount() + drive.requestCount() + stripe.requestCount() + jira.requestCount();
  }

  /** Salesforce contacts that belong to {@code c}. */
  int contactsOf(Customer c) {
    return (int) salesforce.contacts().stream().filter(x -> c.email().equals(x.email())).count();
  }

  /** Records of {@code c} alive at the four vendors: contact, folder, customer and task. */
  int recordsOf(Customer c) {
    return contactsOf(c)
        + (int) drive.folders().stream().filter(f -> c.fullName().equals(f.name())).count()
        + (int) stripe.customers().stream().filter(x -> !x.deleted() && c.email().equals(x.email())).count()
        + (int) jira.issues().stream().filter(i -> c.taskTitle().equals(i.summary())).count();
  }

  @Override
  public void close() {
    salesforce.close();
    drive.close();
    stripe.close();
    jira.close();
  }

  /** A customer to onboard: one contact, folder, Stripe customer and Jira task. */
  record Customer(String firstName, String lastName, String email) {
    String fullName() {
      return firstName + " " + lastName;
    }

    String taskTitle() {
      return "Onboard " + fullName();
    }
  }
}
