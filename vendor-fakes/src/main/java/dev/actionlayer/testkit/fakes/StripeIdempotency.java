package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * Stripe's idempotency layer for {@code POST /v1/customers} (fact sheet 4.4): a response is saved
 * under its key only once execution began; a repeat with the same parameters replays it (500s
 * included) with {@code Idempotent-Replayed: true}, other parameters get {@code 400
 * idempotency_error}, a repeat during execution gets {@code 409 idempotency_key_in_use}; neither
 * refusal, nor a validation failure, is saved. Not thread-safe: FakeStripe calls it under its lock.
 */
final class StripeIdempotency {

  /** One parsed create: its key (or null), parameters and validation, or an answer for a malformed one. */
  record Request(String key, String endpoint, Map<String, List<String>> fingerprint,
      StripeCreate.Outcome outcome, MockResponse rejection) {

    static Request of(RecordedCall call, String key) {
      String endpoint = call.method() + " " + call.pathWithoutQuery();
      if (key != null && (key.isEmpty() || key.length() > MAX_KEY)) {
        // Unverified wording; the 255-character limit is documented.
        return rejected(key, endpoint, "Idempotency-Key must be between 1 and " + MAX_KEY
            + " characters long, but you passed in a key that is " + key.length() + " characters long.");
      }
      List<Map.Entry<String, String>> params;
      try {
        params = StripeForm.parse(call.body());
      } catch (IllegalArgumentException e) {
        return rejected(key, endpoint, "Invalid request body: it is not valid"
            + " application/x-www-form-urlencoded (a malformed percent-escape).");
      }
      return new Request(key, endpoint, StripeStore.fingerprint(params), StripeCreate.validate(params), null);
    }

    private static Request rejected(String key, String endpoint, String message) {
      return new Request(key, endpoint, Map.of(), null,
          respond(400, StripeResponses.invalidRequest(null, message, null), Map.of(), key, false));
    }
  }

  static final int MAX_KEY = 255;

  private StripeIdempotency() {}

  /**
   * The answer given before execution (409, replay, 400 mismatch, 400 validation), or null when
   * the create may execute; its key is then in flight until {@link #execute}.
   */
  static MockResponse beforeExecution(StripeStore store, Request request) {
    String key = request.key();
    if (key != null) {
      if (store.isInFlight(key)) {
        return respond(409, StripeResponses.keyInUse(key), Map.of(), key, false);
      }
      StripeStore.Saved saved = store.saved(key);
      if (saved != null) {
        if (!saved.endpoint().equals(request.endpoint()) || !saved.params().equals(request.fingerprint())) {
          return respond(400, StripeResponses.idempotencyError(key), Map.of(), key, false);
        }
        store.countReplay();
        return respond(saved.status(), saved.body(), saved.headers(), key, true);
      }
    }
    if (request.outcome() instanceof StripeCreate.Rejected r) {
      return respond(400, StripeResponses.invalidRequest(r.code(), r.message(), r.param()), Map.of(), key, false);
    }
    if (key != null) {
      store.begin(key);
    }
    return null;
  }

  /** Executes a create that passed {@link #beforeExecution}, saving its answer under the key. */
  static MockResponse execute(StripeStore store, Request request, boolean failInternally) {
    int status;
    String body;
    Map<String, String> headers;
    if (failInternally) {
      status = 500;
      body = StripeResponses.error("api_error", null, StripeResponses.API_ERROR, null);
      headers = Map.of("Stripe-Should-Retry", "false");
    } else {
      FakeStripe.Customer customer = store.create((StripeCreate.Draft) request.outcome());
      status = 200;
      body = StripeResponses.customer(customer);
      headers = Map.of();
    }
    String key = request.key();
    if (key != null) {
      store.save(key, new StripeStore.Saved(request.endpoint(), request.fingerprint(), status, body, headers));
      store.end(key);
    }
    return respond(status, body, headers, key, false);
  }

  /** What an update executed: its status and body (saved under the key when 2xx or 5xx). */
  record Answer(int status, String body) {}

  /**
   * A POST other than a create under Stripe's idempotency layer: a repeat with the same
   * parameters replays the saved answer, other parameters get {@code 400 idempotency_error};
   * without a key, or on the first use, {@code execute} runs. Refusals (4xx) are not saved, as
   * Stripe saves results only once execution began.
   */
  static MockResponse keyed(StripeStore store, RecordedCall call, java.util.function.Supplier<Answer> execute) {
    String key = call.header("Idempotency-Key");
    String endpoint = call.method() + " " + call.pathWithoutQuery();
    Map<String, List<String>> fingerprint;
    try {
      fingerprint = StripeStore.fingerprint(StripeForm.parse(call.body()));
    } catch (IllegalArgumentException e) {
      return respond(400, StripeResponses.invalidRequest(null, "Invalid request body: it is not valid"
          + " application/x-www-form-urlencoded (a malformed percent-escape).", null), Map.of(), key, false);
    }
    if (key != null) {
      StripeStore.Saved saved = store.saved(key);
      if (saved != null) {
        if (!saved.endpoint().equals(endpoint) || !saved.params().equals(fingerprint)) {
          return respond(400, StripeResponses.idempotencyError(key), Map.of(), key, false);
        }
        store.countReplay();
        return respond(saved.status(), saved.body(), saved.headers(), key, true);
      }
    }
    Answer answer = execute.get();
    if (key != null && (answer.status() < 400 || answer.status() >= 500)) {
      store.save(key, new StripeStore.Saved(endpoint, fingerprint, answer.status(), answer.body(), Map.of()));
    }
    return respond(answer.status(), answer.body(), Map.of(), key, false);
  }

  private static MockResponse respond(int status, String body, Map<String, String> headers, String key,
      boolean replayed) {
    MockResponse.Builder b = StripeResponses.json(status, body).newBuilder();
    headers.forEach(b::setHeader);
    if (key != null) {
      b.setHeader("Idempotency-Key", key);
    }
    if (replayed) {
      b.setHeader("Idempotent-Replayed", "true");
    }
    return b.build();
  }
}
