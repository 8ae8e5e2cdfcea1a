package dev.actionlayer.langchain4j;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.stripe.Stripe;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The four vendors as stateful fakes that insist on their credentials (so a call that reaches them
 * really carried a secret the model must never see), and one layer over them on a fake clock.
 * Connections: {@code sf}, {@code drive}, {@code stripe}, {@code jira}; every create is repeatable
 * or findable by key, as in the saga tests.
 */
final class FourFakes implements AutoCloseable {
  static final String SF_TOKEN = "sf-SECRET-token-00D5e000001";
  static final String DRIVE_TOKEN = "ya29.SECRET-drive-token";
  static final String STRIPE_KEY = "sk_test_SECRETstripekey51H";
  static final String JIRA_EMAIL = "bot@example.com";
  static final String JIRA_TOKEN = "ATATT-SECRET-jira-token";
  static final List<String> SECRETS = List.of(SF_TOKEN, DRIVE_TOKEN, STRIPE_KEY, JIRA_TOKEN);
  static final String SF_KEY_FIELD = "Actionlayer_Key__c";
  static final String JIRA_PROJECT = "ONB";
  /** The longest the layer waits on its own; a longer Retry-After goes back to the caller. */
  static final Duration MAX_WAIT = Duration.ofSeconds(5);

  final FakeSalesforce salesforce = new FakeSalesforce().externalIdField("Contact", SF_KEY_FIELD)
      .requireBearer(SF_TOKEN);
  final FakeDrive drive = new FakeDrive().requireBearer(DRIVE_TOKEN);
  final FakeStripe stripe = new FakeStripe().requireKey(STRIPE_KEY);
  final FakeJira jira = new FakeJira().projects(JIRA_PROJECT).requireBasic(JIRA_EMAIL, JIRA_TOKEN);
  final FakeTime time = new FakeTime(Instant.parse("2025-03-03T09:00:00Z"));
  final ActionLayer layer;

  FourFakes() {
    salesforce.start();
    drive.start();
    stripe.start();
    jira.start();
    layer = ActionLayer.builder()
        .connection("sf", Salesforce.builder(salesforce.uri(), Credentials.bearer(SF_TOKEN))
            .contactExternalIdField(SF_KEY_FIELD).build(), p -> p.noRateLimit().maxWait(MAX_WAIT))
        .connection("drive", GoogleDrive.connector(drive.uri(), Credentials.bearer(DRIVE_TOKEN)),
            p -> p.noRateLimit().maxWait(MAX_WAIT))
        .connection("stripe", Stripe.connector(stripe.uri(), Credentials.bearer(STRIPE_KEY)),
            p -> p.noRateLimit().maxWait(MAX_WAIT))
        .connection("jira", Jira.builder(jira.uri(), Credentials.basic(JIRA_EMAIL, JIRA_TOKEN))
            .dedupeLabels(true).build(), p -> p.noRateLimit().maxWait(MAX_WAIT))
        .clock(time).sleeper(time)
        .build();
  }

  @Override
  public void close() {
    layer.close();
    salesforce.close();
    drive.close();
    stripe.close();
    jira.close();
  }
}
