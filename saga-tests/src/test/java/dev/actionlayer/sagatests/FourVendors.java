package dev.actionlayer.sagatests;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.stripe.Stripe;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * The seed's four vendors as stateful fakes on loopback, and layers over them with every create
 * repeatable or findable by key: Salesforce upserts on an external-id field, Jira labels its
 * issues, Drive pre-generates ids, Stripe sends {@code Idempotency-Key}. Connections: {@code sf},
 * {@code drive}, {@code stripe}, {@code jira}.
 */
final class FourVendors implements AutoCloseable {
  static final String SF_KEY_FIELD = "Actionlayer_Key__c";
  static final String JIRA_PROJECT = "ONB";

  final FakeSalesforce salesforce = new FakeSalesforce().externalIdField("Contact", SF_KEY_FIELD);
  final FakeDrive drive = new FakeDrive();
  final FakeStripe stripe = new FakeStripe();
  final FakeJira jira = new FakeJira().projects(JIRA_PROJECT);

  FourVendors() {
    salesforce.start();
    drive.start();
    stripe.start();
    jira.start();
  }

  /** Vendors someone else serves (a parent process's fakes), by base URI. */
  record Uris(URI salesforce, URI drive, URI stripe, URI jira) {
    String[] toArgs() {
      return new String[] {salesforce.toString(), drive.toString(), stripe.toString(), jira.toString()};
    }

    static Uris fromArgs(String[] args, int from) {
      return new Uris(URI.create(args[from]), URI.create(args[from + 1]), URI.create(args[from + 2]),
          URI.create(args[from + 3]));
    }
  }

  Uris uris() {
    return new Uris(salesforce.uri(), drive.uri(), stripe.uri(), jira.uri());
  }

  /**
   * A builder with the four connections, each customised by {@code policy} (tests shorten
   * backoff and windows); the caller adds journal, clock, audit.
   */
  static ActionLayer.Builder layer(Uris uris, UnaryOperator<ConnectionPolicy.Builder> policy) {
    return ActionLayer.builder()
        .connection("sf", Salesforce.builder(uris.salesforce(), Credentials.bearer("sf-token-fake"))
            .contactExternalIdField(SF_KEY_FIELD).build(), policy)
        .connection("drive", GoogleDrive.connector(uris.drive(), Credentials.bearer("drive-token-fake")), policy)
        .connection("stripe", Stripe.connector(uris.stripe(), Credentials.bearer("sk_test_fake")), policy)
        .connection("jira", Jira.builder(uris.jira(), Credentials.basic("bot@example.com", "jira-token-fake"))
            .dedupeLabels(true).build(), policy);
  }

  ActionLayer.Builder layer(UnaryOperator<ConnectionPolicy.Builder> policy) {
    return layer(uris(), policy);
  }

  ActionLayer layer(SagaJournal journal) {
    return layer(UnaryOperator.identity()).journal(journal).build();
  }

  /** Records alive at the four vendors together. */
  int liveRecords() {
    return salesforce.contactCount() + drive.folderCount() + stripe.customerCount() + jira.issueCount();
  }

  @Override
  public void close() {
    salesforce.close();
    drive.close();
    stripe.close();
    jira.close();
  }
}
