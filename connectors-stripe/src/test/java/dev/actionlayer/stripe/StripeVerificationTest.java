package dev.actionlayer.stripe;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Samples;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.net.URI;

/** Stripe customers (contacts) against the conformance kit: every create carries an Idempotency-Key (keyed). */
class StripeVerificationTest extends ConnectorVerification<FakeStripe> {

  @Override
  protected FakeStripe newFake(String secret) {
    return new FakeStripe().requireKey(secret);
  }

  /** Stripe's own spec3 (APIs.guru's copy of stripe/openapi, 2025-10-15). */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("stripe")
        .unresolved("Stripe's customer schema graph is deep and cyclic: resolved and inlined it does not fit in memory");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return Stripe.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.contacts(new NewContact("Ada", "Lovelace", "ada@example.com"));
  }

  @Override
  protected VendorSignals signals() {
    return new StripeSignals();
  }

  @Override
  protected int storedRecords(FakeStripe fake) {
    return fake.customerCount();
  }

  @Override
  protected String missingId() {
    return "cus_NoSuchCustomer0";
  }

  /** Stripe's answers: the fact sheet's samples (section 4.2) where it has them. */
  static final class StripeSignals implements VendorSignals {

    @Override
    public Fault unauthenticated() {
      return sample("/stripe/invalid-api-key-401.http");
    }

    @Override
    public Fault permissionDenied() {
      return sample("/stripe/restricted-key-403.http");
    }

    /** No verbatim sample: Stripe's usual shape of a parameter it refuses. */
    @Override
    public Fault validation() {
      return Fault.status(400).header("Request-Id", "req_validation1").body("{\"error\":{\"code\":\"email_invalid\","
          + "\"doc_url\":\"https://stripe.com/docs/error-codes/email-invalid\",\"message\":\"Invalid email address: ada@\","
          + "\"param\":\"email\",\"type\":\"invalid_request_error\"}}", "application/json");
    }

    @Override
    public String validationField() {
      return "email";
    }

    @Override
    public Fault rateLimited() {
      return FakeStripe.rateLimited429("global-rate");
    }

    /** Stripe has no daily quota: its limits are per-second rates (fact sheet 4.3). */
    @Override
    public Fault quotaExhausted() {
      return null;
    }

    /** A sample {@code .http} file of this module's resources as a fault: status, headers and body. */
    static Fault sample(String resource) {
      String text = Samples.text(resource);
      String[] head = text.substring(0, text.indexOf("\n\n")).split("\n");
      Fault fault = Fault.status(Integer.parseInt(head[0].split(" ")[1]));
      String contentType = "application/json";
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        String name = head[i].substring(0, colon).trim();
        String value = head[i].substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Type")) contentType = value;
        else fault = fault.header(name, value);
      }
      return fault.body(Samples.body(resource), contentType);
    }
  }
}
