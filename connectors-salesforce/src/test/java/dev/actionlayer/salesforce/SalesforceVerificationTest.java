package dev.actionlayer.salesforce;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.net.URI;

/** Salesforce contacts against the conformance kit, with plain (unkeyed) inserts. */
class SalesforceVerificationTest extends ConnectorVerification<FakeSalesforce> {

  @Override
  protected FakeSalesforce newFake(String secret) {
    return new FakeSalesforce().requireBearer(secret);
  }

  /**
   * Salesforce's own generated sObject document (Lightning Platform REST API v59.0, shipped in
   * {@code @opensdks/sdk-salesforce}): its paths are relative to {@code /services/data/vNN.N}. It has
   * neither the upsert by external id ({@code PATCH /sobjects/{type}/{field}/{value}}) nor the SOQL
   * {@code /query} resource: those requests are skipped, and counted, with the reason. Generated 201
   * answers to a create say {@code success: true}, as a 201 does.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("salesforce")
        .serverPrefix("/services/data/v[0-9]+\\.[0-9]+")
        .undocumented("PATCH", "/sobjects/[A-Za-z0-9_]+/[A-Za-z0-9_]+__c/[^/]+",
            "the upsert by external id is not in Salesforce's generated document")
        .undocumented("GET", "/query",
            "the SOQL query resource is not in Salesforce's generated (sObjects-only) document")
        .sample("success", true, "a create answered 201 says success: true (a failed one is a 400 with errors)");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Salesforce.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", "ada@example.com"));
  }

  @Override
  protected VendorSignals signals() {
    return new SalesforceSignals();
  }

  @Override
  protected int storedRecords(FakeSalesforce fake) {
    return fake.contactCount();
  }

  @Override
  protected String missingId() {
    return "0035g00000AbCdEQAZ";
  }

  /** Salesforce's answers, verbatim from the fact sheet (section 2.2) where it has them. */
  static final class SalesforceSignals implements VendorSignals {
    static final String JSON = "application/json;charset=UTF-8";

    @Override
    public Fault unauthenticated() {
      return FakeSalesforce.invalidSession401();
    }

    /** The fact sheet names INSUFFICIENT_ACCESS… for a 403 that is not a limit; no verbatim body. */
    @Override
    public Fault permissionDenied() {
      return Fault.status(403).body("[{\"message\":\"insufficient access rights on object id\","
          + "\"errorCode\":\"INSUFFICIENT_ACCESS_OR_READONLY\",\"fields\":[]}]", JSON);
    }

    /** Verbatim shape of REQUIRED_FIELD_MISSING, for a Contact ({@code [LastName]}). */
    @Override
    public Fault validation() {
      return Fault.status(400).body("[{\"message\":\"Required fields are missing: [LastName]\","
          + "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]}]", JSON);
    }

    @Override
    public String validationField() {
      return "lastName";
    }

    /** The concurrency limiter (ConcurrentPerOrgLongTxn), which frees up in seconds. */
    @Override
    public Fault rateLimited() {
      return FakeSalesforce.concurrentRequestLimit403();
    }

    /** The org's rolling 24-hour allowance (TotalRequests). */
    @Override
    public Fault quotaExhausted() {
      return FakeSalesforce.requestLimitExceeded403();
    }
  }
}
