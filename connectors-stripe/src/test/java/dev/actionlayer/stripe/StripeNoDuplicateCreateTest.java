package dev.actionlayer.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Contacts;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeStripe;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create must never make a second customer: every attempt of one call carries the same
 * {@code Idempotency-Key}, and Stripe (here FakeStripe) replays the first result to a repeat.
 */
class StripeNoDuplicateCreateTest {
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");
  private static final Predicate<RecordedCall> CREATES =
      c -> c.method().equals("POST") && c.pathWithoutQuery().equals("/v1/customers");

  private final LayerHarness harness = StripeHarness.create();
  private final FakeStripe stripe = new FakeStripe();

  @BeforeEach
  void start() {
    stripe.requireKey(StripeHarness.SECRET_KEY);
    stripe.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    stripe.close();
  }

  private Contacts contacts() {
    return harness.contacts(Stripe.connector(stripe.uri(), StripeHarness.bearer()));
  }

  /** Asserts that exactly one customer exists and that it is {@code contact}, keyed by the call. */
  private void assertOneCustomer(Contact contact) {
    assertThat(stripe.customers()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(contact.id());
      assertThat(c.name()).isEqualTo("Ada Lovelace");
      assertThat(c.metadata()).containsEntry("actionlayer_key", harness.lastEvent().idempotencyKey());
    });
    assertThat(stripe.createCount()).isEqualTo(1);
  }

  /** The kit checks the round trip by id; this is the Stripe part: names, a soft delete, request ids. */
  @Test
  void aCustomerKeepsItsNamesAndIsDeletedSoftly() {
    Contacts contacts = contacts();

    Contact created = contacts.create(ADA);
    Contact read = contacts.get(created.id());
    contacts.delete(created.id());

    assertThat(created.id()).matches("cus_[A-Za-z0-9]{14}");
    assertThat(created).isEqualTo(new Contact(created.id(), "Ada", "Lovelace", "ada@example.com", null, null,
        "https://dashboard.stripe.com/test/customers/" + created.id(), java.util.Map.of()));
    assertThat(read).isEqualTo(created);
    assertThat(stripe.customers().get(0).deleted()).isTrue();
    ActionError again = LayerHarness.failure(() -> contacts.delete(created.id())).error();
    assertThat(again.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(again.vendorRequestId()).startsWith("req_");
  }

  @Test
  void aLostResponseAfterStripeAppliedTheCreateIsReplayedNotDuplicated() {
    stripe.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    Contact contact = contacts().create(ADA);

    assertOneCustomer(contact);
    assertThat(stripe.requestCount(CREATES)).isEqualTo(2);
    assertThat(stripe.replayCount()).isEqualTo(1);
    RecordedCall first = stripe.requests().get(0);
    RecordedCall repeat = stripe.requests().get(1);
    assertThat(repeat.header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"));
    assertThat(repeat.body()).isEqualTo(first.body());
    AuditEvent event = harness.lastEvent();
    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    assertThat(event.resourceId()).isEqualTo(contact.id());
    assertThat(event.idempotencyKey()).isEqualTo(first.header("Idempotency-Key"));
    assertThat(event.attempts()).extracting(AuditEvent.Attempt::code).containsExactly("UNAVAILABLE", null);
    assertThat(event.upstream().headers()).containsEntry("idempotent-replayed", "true");
    assertThat(event.vendorRequestId()).startsWith("req_");
    assertThat(event.toJson()).contains("\"idempotent-replayed\":\"true\"");
  }

  @Test
  void anUnreadableSuccessBodyIsRepeatedUnderTheSameKeyAndReplayed() {
    stripe.on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());

    Contact contact = contacts().create(ADA);

    assertOneCustomer(contact);
    assertThat(stripe.replayCount()).isEqualTo(1);
  }

  @Test
  void aSuccessBodyCutOffMidwayIsRepeatedUnderTheSameKeyAndReplayed() {
    stripe.on(Requests.creates()).nth(1).respond(Fault.applyThenTruncate());

    Contact contact = contacts().create(ADA);

    assertOneCustomer(contact);
    assertThat(stripe.replayCount()).isEqualTo(1);
  }

  @Test
  void aRepeatWhileTheFirstAttemptStillExecutesWaitsOutThe409ThenGetsTheReplay() {
    stripe.processingDelay(Duration.ofMillis(1500));
    harness.time().beforeSleep(n -> {
      if (n == 1) awaitFirstCreateApplied(); // after the 409, let the first attempt finish for real
    });
    Contacts contacts = harness.contacts(Stripe.connector(stripe.uri(), StripeHarness.bearer()),
        p -> p.attemptTimeout(Duration.ofMillis(300)).maxAttempts(4));

    Contact contact = contacts.create(ADA);

    assertOneCustomer(contact);
    assertThat(harness.lastEvent().attempts()).extracting(AuditEvent.Attempt::code)
        .containsExactly("TIMEOUT", "CONFLICT", null);
    assertThat(harness.lastEvent().upstream().headers()).containsEntry("idempotent-replayed", "true");
  }

  private void awaitFirstCreateApplied() {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (stripe.createCount() == 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void aRateLimitedCreateIsRetriedAndMakesOneCustomer() {
    stripe.on(Requests.creates()).times(1).respond(FakeStripe.rateLimited429("endpoint-rate"));

    Contact contact = contacts().create(ADA);

    assertOneCustomer(contact);
    assertThat(stripe.requestCount(CREATES)).isEqualTo(2);
    assertThat(stripe.replayCount()).isZero();
  }

  @Test
  void a500StripeSavedAndAdvisesNotToRetryIsAnUnknownOutcomeNotASecondTry() {
    stripe.failCreatesWithSavedApiError(1);

    ActionError e = LayerHarness.failure(() -> contacts().create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(e.retryable()).isFalse();
    assertThat(stripe.requestCount(CREATES)).isEqualTo(1);
    assertThat(stripe.customerCount()).isZero();
  }

  @Test
  void aWrongKeyIsUnauthenticatedWithoutRequestIdAndNeverLeaksTheKey() {
    Contacts contacts = harness.contacts(Stripe.connector(stripe.uri(),
        dev.actionlayer.Credentials.bearer("sk_test_51WrongKeyPlanted0000ly9x")));

    ActionError e = LayerHarness.failure(() -> contacts.create(ADA)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendorRequestId()).isEmpty();
    assertThat(e.message()).isEqualTo("Invalid API Key provided: sk_test_[REDACTED]");
    assertThat(stripe.requestCount()).isEqualTo(1);
    assertThat(harness.lastEvent().toJson()).doesNotContain("WrongKeyPlanted").doesNotContain("0000ly9x");
    assertThat(stripe.createCount()).isZero();
  }
}
