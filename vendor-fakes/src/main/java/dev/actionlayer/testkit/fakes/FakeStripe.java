package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stateful fake of Stripe API v1 customers (create, retrieve, update, list, search, delete) with
 * Stripe's idempotency layer (creates and updates), answering with the statuses, bodies and headers of the vendor fact sheet, section 4: form
 * bodies with bracketed params; {@code Request-Id} on every response but an invalid-key 401; a
 * repeated {@code Idempotency-Key} replays the saved answer with {@code Idempotent-Replayed: true},
 * other parameters get {@code 400 idempotency_error}, a repeat while the first is still executing
 * gets {@code 409 idempotency_key_in_use}; a deleted customer still retrieves as {@code 200
 * {"deleted": true}}.
 *
 * <pre>{@code
 * try (FakeStripe stripe = new FakeStripe()) {
 *   stripe.requireKey("sk_test_123");
 *   stripe.start();
 *   stripe.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
 *   // ... run the connector, then assert stripe.customerCount() == 1 and stripe.replayCount() == 1
 * }
 * }</pre>
 */
public final class FakeStripe extends FakeVendor {

  /**
   * A customer as the fake stores it, for assertions.
   *
   * @param id {@code cus_} and 14 letters or digits
   * @param name the {@code name} as sent, or null
   * @param email the {@code email} as sent, or null
   * @param description the {@code description} as sent, or null
   * @param phone the {@code phone} as sent, or null
   * @param metadata the {@code metadata[...]} params as sent, in order
   * @param created the creation time in epoch seconds
   * @param deleted whether the customer was deleted (Stripe still answers retrieves for it)
   */
  public record Customer(String id, String name, String email, String description, String phone,
      Map<String, String> metadata, long created, boolean deleted) {

    /** Freezes the metadata, keeping its order. */
    public Customer {
      Objects.requireNonNull(id, "id == null");
      metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /** The {@code Stripe-Version} the fake answers with when the request names none. */
  public static final String API_VERSION = "2024-06-20";

  private static final String CUSTOMERS = "/v1/customers";
  private static final String SEARCH = CUSTOMERS + "/search";
  private static final Pattern CUSTOMER_PATH = Pattern.compile("/v1/customers/([^/]+)");

  private final Object lock = new Object();
  private final StripeStore store = new StripeStore();
  private String secretKey;
  private Duration processingDelay = Duration.ZERO;
  private int savedApiErrors;

  /** Creates a fake accepting any (or no) API key. */
  public FakeStripe() {}

  /**
   * Requires this key as {@code Authorization: Bearer <key>} (or as the Basic user name, like
   * {@code curl -u sk_test_…:}); anything else gets Stripe's 401 with the key masked.
   */
  public FakeStripe requireKey(String secretKey) {
    Objects.requireNonNull(secretKey, "secretKey == null");
    if (secretKey.isBlank()) {
      throw new IllegalArgumentException("secretKey is blank");
    }
    synchronized (lock) {
      this.secretKey = secretKey;
    }
    return this;
  }

  /**
   * How long each create executes before it is stored and answered; meanwhile a repeat with the
   * same key gets {@code 409 idempotency_key_in_use}. Default zero.
   */
  public FakeStripe processingDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay < 0: " + delay);
    }
    synchronized (lock) {
      this.processingDelay = delay;
    }
    return this;
  }

  /**
   * Makes the next {@code count} creates fail inside Stripe: {@code 500 api_error} with {@code
   * Stripe-Should-Retry: false}, no customer stored. Under an idempotency key the 500 is saved, so
   * a repeat replays it, as Stripe documents.
   */
  public FakeStripe failCreatesWithSavedApiError(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    synchronized (lock) {
      this.savedApiErrors = count;
    }
    return this;
  }

  /** An immutable snapshot of every customer ever created, deleted ones included, in creation order. */
  public List<Customer> customers() {
    synchronized (lock) {
      return store.customers();
    }
  }

  /** How many customers exist and are not deleted. */
  public int customerCount() {
    return (int) customers().stream().filter(c -> !c.deleted()).count();
  }

  /** How many creates were applied (stored), including those whose response a fault destroyed. */
  public int createCount() {
    synchronized (lock) {
      return store.createCount();
    }
  }

  /** How many updates ({@code POST /v1/customers/{id}}) were applied, including those whose response a fault destroyed. */
  public int updateCount() {
    synchronized (lock) {
      return store.updateCount();
    }
  }

  /** How many requests were answered by replaying a response saved under their idempotency key. */
  public int replayCount() {
    synchronized (lock) {
      return store.replayCount();
    }
  }

  /** Stripe's 429 {@code rate_limit} (verbatim), with {@code Stripe-Rate-Limited-Reason} unless null. */
  public static Fault rateLimited429(String reason) {
    Fault fault = stripeError(429,
        StripeResponses.invalidRequest("rate_limit", StripeResponses.RATE_LIMIT, null));
    return reason == null ? fault : fault.header("Stripe-Rate-Limited-Reason", reason);
  }

  /** Stripe's 429 {@code lock_timeout} (verbatim message); it carries no rate-limited reason. */
  public static Fault lockTimeout429() {
    return stripeError(429,
        StripeResponses.invalidRequest("lock_timeout", StripeResponses.LOCK_TIMEOUT, null));
  }

  /** Stripe's 500 {@code api_error}, with {@code Stripe-Should-Retry} unless {@code shouldRetry} is null. */
  public static Fault apiError500(Boolean shouldRetry) {
    Fault fault = stripeError(500, StripeResponses.error("api_error", null, StripeResponses.API_ERROR, null));
    return shouldRetry == null ? fault : fault.header("Stripe-Should-Retry", shouldRetry.toString());
  }

  /** Stripe's 400 {@code idempotency_error} (verbatim, no {@code code}) for {@code key}. */
  public static Fault idempotencyError400(String key) {
    Objects.requireNonNull(key, "key == null");
    return stripeError(400, StripeResponses.idempotencyError(key)).header("Idempotency-Key", key);
  }

  /** Stripe's 409 {@code idempotency_key_in_use} (verbatim) for {@code key}. */
  public static Fault idempotencyKeyInUse409(String key) {
    Objects.requireNonNull(key, "key == null");
    return stripeError(409, StripeResponses.keyInUse(key)).header("Idempotency-Key", key);
  }

  private static Fault stripeError(int status, String body) {
    return Fault.status(status).body(body, StripeResponses.JSON).header("Stripe-Version", API_VERSION);
  }

  /** Only customer creation counts. */
  @Override
  public boolean isCreate(RecordedCall call) {
    return call.method().equals("POST") && call.pathWithoutQuery().equals(CUSTOMERS);
  }

  @Override
  protected MockResponse handle(RecordedCall call) {
    synchronized (lock) {
      if (secretKey != null && !StripeAuth.accepts(call.header("Authorization"), secretKey)) {
        return StripeResponses.invalidApiKey(StripeAuth.presentedKey(call.header("Authorization")));
      }
    }
    String path = call.pathWithoutQuery();
    Matcher customerPath = CUSTOMER_PATH.matcher(path);
    MockResponse response;
    if (path.equals(CUSTOMERS) && call.method().equals("POST")) {
      response = create(call);
    } else if (path.equals(CUSTOMERS) && call.method().equals("GET")) {
      synchronized (lock) {
        response = StripeList.list(store, call.queryParameter("limit"), call.queryParameter("email"),
            call.queryParameter("starting_after"));
      }
    } else if (path.equals(SEARCH) && call.method().equals("GET")) {
      synchronized (lock) {
        response = StripeList.search(store, call.queryParameter("query"), call.queryParameter("limit"),
            call.queryParameter("page"));
      }
    } else if (customerPath.matches() && call.method().equals("POST")) {
      response = update(call, customerPath.group(1));
    } else if (customerPath.matches() && call.method().equals("GET")) {
      response = retrieve(customerPath.group(1));
    } else if (customerPath.matches() && call.method().equals("DELETE")) {
      response = delete(customerPath.group(1));
    } else {
      response = StripeResponses.json(404, StripeResponses.unrecognizedUrl(call.method(), path));
    }
    String version = call.header("Stripe-Version");
    return response.newBuilder().setHeader("Stripe-Version", version == null ? API_VERSION : version).build();
  }

  private MockResponse create(RecordedCall call) {
    String key = call.header("Idempotency-Key");
    StripeIdempotency.Request request = StripeIdempotency.Request.of(call, key);
    if (request.rejection() != null) {
      return request.rejection();
    }
    Duration delay;
    synchronized (lock) {
      MockResponse early = StripeIdempotency.beforeExecution(store, request);
      if (early != null) {
        return early;
      }
      delay = processingDelay;
    }
    if (!delay.isZero()) {
      sleep(delay); // outside the lock: a repeat arriving now must see the key in flight
    }
    synchronized (lock) {
      boolean fail = savedApiErrors > 0;
      if (fail) {
        savedApiErrors--;
      }
      return StripeIdempotency.execute(store, request, fail);
    }
  }

  private MockResponse update(RecordedCall call, String id) {
    synchronized (lock) {
      return StripeIdempotency.keyed(store, call, () -> {
        Customer customer = store.find(id);
        if (customer == null || customer.deleted()) {
          return new StripeIdempotency.Answer(404, StripeResponses.noSuchCustomer(id));
        }
        Object outcome = StripeUpdate.apply(customer, StripeForm.parse(call.body()));
        if (outcome instanceof StripeCreate.Rejected r) {
          return new StripeIdempotency.Answer(400, StripeResponses.invalidRequest(r.code(), r.message(), r.param()));
        }
        Customer changed = ((StripeUpdate.Applied) outcome).customer();
        store.update(changed);
        return new StripeIdempotency.Answer(200, StripeResponses.customer(changed));
      });
    }
  }

  private MockResponse retrieve(String id) {
    synchronized (lock) {
      Customer customer = store.find(id);
      if (customer == null) {
        return StripeResponses.json(404, StripeResponses.noSuchCustomer(id));
      }
      return StripeResponses.json(200, customer.deleted()
          ? StripeResponses.deletedOnRetrieve(id) : StripeResponses.customer(customer));
    }
  }

  private MockResponse delete(String id) {
    synchronized (lock) {
      Customer customer = store.find(id);
      // Unverified: a second delete is taken to answer like a missing customer.
      if (customer == null || customer.deleted()) {
        return StripeResponses.json(404, StripeResponses.noSuchCustomer(id));
      }
      store.delete(id);
      return StripeResponses.json(200, StripeResponses.deleted(id));
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected void resetState() {
    synchronized (lock) {
      store.clear();
      savedApiErrors = 0;
    }
  }

  /** Every response carries a {@code Request-Id}, except the 401 for an invalid key. */
  @Override
  protected MockResponse decorate(MockResponse response) {
    boolean invalidKey = response.getCode() == 401 && response.getHeaders().get("WWW-Authenticate") != null;
    if (invalidKey || response.getHeaders().get("Request-Id") != null) {
      return response;
    }
    return response.newBuilder().setHeader("Request-Id", "req_" + StripeStore.randomAlphanumeric(14)).build();
  }
}
