package dev.actionlayer.salesforce;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.net.URI;

/** Salesforce contacts against the conformance kit, upserting by an external-id field: creates are keyed. */
class SalesforceExternalIdVerificationTest extends SalesforceVerificationTest {
  static final String KEY_FIELD = "Actionlayer_Key__c";

  @Override
  protected FakeSalesforce newFake(String secret) {
    return super.newFake(secret).externalIdField("Contact", KEY_FIELD);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Salesforce.builder(baseUri, Credentials.bearer(secret)).contactExternalIdField(KEY_FIELD).build();
  }
}
