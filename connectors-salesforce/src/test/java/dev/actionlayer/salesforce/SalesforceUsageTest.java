package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The org's API allowance: read from {@code Sforce-Limit-Info}, audited, and its end is a spent quota. */
class SalesforceUsageTest {
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");

  private final LayerHarness harness = SalesforceHarness.create();
  private final FakeSalesforce sf = new FakeSalesforce();

  @BeforeEach
  void start() {
    sf.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    sf.close();
  }

  private Contacts contacts() {
    return harness.contacts(Salesforce.connector(sf.uri(), SalesforceHarness.bearer()));
  }

  @Test
  void theUsageHeaderIsParsedAndAppearsInTheAuditEvent() {
    sf.apiLimit(17, 15_000);
    Contacts contacts = contacts();

    String id = contacts.create(ADA).id();
    AuditEvent created = harness.lastEvent();
    contacts.get(id);

    assertThat(created.vendorUsage()).isEqualTo("18/15000");
    assertThat(harness.lastEvent().vendorUsage()).isEqualTo("19/15000");
    assertThat(harness.lastEvent().toJson()).contains("\"vendorUsage\":\"19/15000\"");
  }

  @Test
  void theFakesSpentAllowanceIsQuotaExhaustedAndNotRetried() {
    sf.apiLimit(15_000, 15_000);

    ActionError e = LayerHarness.failure(() -> contacts().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(e.message()).contains("TotalRequests Limit exceeded.");
    assertThat(sf.requestCount()).isEqualTo(1);
    assertThat(sf.contactCount()).isZero();
    assertThat(harness.lastEvent().vendorUsage()).isEqualTo("15000/15000");
  }

  @Test
  void theCallThatSpendsTheLastRequestSucceedsAndTheNextIsRefused() {
    sf.apiLimit(14_999, 15_000);
    Contacts contacts = contacts();

    String id = contacts.create(ADA).id();
    ActionError next = LayerHarness.failure(() -> contacts.get(id)).error();

    assertThat(next.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(sf.apiUsed()).isEqualTo(15_000);
  }
}
