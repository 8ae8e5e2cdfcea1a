package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeOAuth;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With OAuth refresh credentials, the mapping decides whether a rejected token is refreshed:
 * INVALID_SESSION_ID once, the "not valid for use with the REST API" variant never.
 */
class SalesforceTokenRefreshTest {
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");

  private final LayerHarness harness = SalesforceHarness.create();
  private final FakeOAuth oauth = new FakeOAuth();
  private final FakeSalesforce sf = new FakeSalesforce();

  @BeforeEach
  void start() {
    oauth.start();
    sf.requireBearer(oauth::currentToken).start();
  }

  @AfterEach
  void stop() {
    harness.close();
    sf.close();
    oauth.close();
  }

  private Contacts contacts() {
    Credentials credentials = Credentials.oauth(oauth.salesforceEndpoint(), "client-1", "client-secret-1",
        "refresh-token-1");
    return harness.contacts(Salesforce.connector(sf.uri(), credentials));
  }

  @Test
  void anExpiredSessionIsRefreshedOnceAndTheCallSucceeds() {
    Contacts contacts = contacts();
    String id = contacts.create(ADA).id();
    sf.on(Requests.any()).nth(1).respond(FakeSalesforce.invalidSession401());

    Contact read = contacts.get(id);

    assertThat(read.id()).isEqualTo(id);
    assertThat(oauth.mintedCount()).isEqualTo(2);
    assertThat(sf.requests()).extracting(c -> c.header("Authorization"))
        .containsExactly("Bearer access-1", "Bearer access-1", "Bearer access-2");
  }

  @Test
  void aSessionUnfitForTheRestApiIsNeverRefreshed() {
    sf.on(Requests.any()).always().respond(FakeSalesforce.sessionNotValidForRestApi401());

    ActionError e = LayerHarness.failure(() -> contacts().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(oauth.mintedCount()).isEqualTo(1);
    assertThat(sf.requestCount()).isEqualTo(1);
  }

  @Test
  void aSessionStillRejectedAfterOneRefreshIsUnauthenticated() {
    sf.on(Requests.any()).always().respond(FakeSalesforce.invalidSession401());

    ActionError e = LayerHarness.failure(() -> contacts().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("INVALID_SESSION_ID");
    assertThat(oauth.mintedCount()).isEqualTo(2);
    assertThat(sf.requestCount()).isEqualTo(2);
    assertThat(sf.contactCount()).isZero();
  }
}
