package dev.actionlayer.testkit.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * FakeStripe's customers and its idempotency layer. Not thread-safe: FakeStripe calls it under its
 * lock.
 */
final class StripeStore {

  /**
   * A response saved under an idempotency key, with what the first request asked for: a repeat
   * must match the endpoint and parameters (in any order) to be replayed.
   */
  record Saved(String endpoint, Map<String, List<String>> params, int status, String body,
      Map<String, String> headers) {}

  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Map<String, FakeStripe.Customer> customers = new LinkedHashMap<>();
  private final Map<String, Saved> saved = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, SearchPage> searchPages = new HashMap<>();
  private int creates;
  private int updates;
  private int replays;

  /** Where a search's {@code next_page} continues: the same query, after {@code offset} matches. */
  record SearchPage(String query, int offset) {}

  FakeStripe.Customer create(StripeCreate.Draft draft) {
    String id;
    do {
      id = "cus_" + randomAlphanumeric(14);
    } while (customers.containsKey(id));
    FakeStripe.Customer customer = new FakeStripe.Customer(id, draft.name(), draft.email(),
        draft.description(), draft.phone(), draft.metadata(), Instant.now().getEpochSecond(), false);
    customers.put(id, customer);
    creates++;
    return customer;
  }

  FakeStripe.Customer find(String id) {
    return customers.get(id);
  }

  /** Replaces a customer with its updated self, keeping its place in creation order. */
  void update(FakeStripe.Customer changed) {
    customers.put(changed.id(), changed);
    updates++;
  }

  /** Live customers, newest first, as Stripe lists them. */
  List<FakeStripe.Customer> newestFirst() {
    List<FakeStripe.Customer> live = new ArrayList<>();
    for (FakeStripe.Customer c : customers.values()) {
      if (!c.deleted()) live.add(0, c);
    }
    return live;
  }

  /** A new {@code next_page} token continuing {@code query} after {@code offset} matches. */
  String searchToken(String query, int offset) {
    String token = "page_" + randomAlphanumeric(24);
    searchPages.put(token, new SearchPage(query, offset));
    return token;
  }

  SearchPage searchPage(String token) {
    return searchPages.get(token);
  }

  /** Marks {@code id} deleted; Stripe keeps answering retrieves for it. */
  void delete(String id) {
    customers.computeIfPresent(id, (k, c) -> new FakeStripe.Customer(c.id(), c.name(), c.email(),
        c.description(), c.phone(), c.metadata(), c.created(), true));
  }

  Saved saved(String key) {
    return saved.get(key);
  }

  void save(String key, Saved response) {
    saved.put(key, response);
  }

  boolean isInFlight(String key) {
    return inFlight.contains(key);
  }

  void begin(String key) {
    inFlight.add(key);
  }

  void end(String key) {
    inFlight.remove(key);
  }

  void countReplay() {
    replays++;
  }

  /** The parameters as a name-sorted multimap: Stripe compares them, not their order. */
  static Map<String, List<String>> fingerprint(List<Map.Entry<String, String>> params) {
    Map<String, List<String>> map = new TreeMap<>();
    for (Map.Entry<String, String> p : params) {
      map.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
    }
    return map;
  }

  List<FakeStripe.Customer> customers() {
    return List.copyOf(customers.values());
  }

  int createCount() {
    return creates;
  }

  int updateCount() {
    return updates;
  }

  int replayCount() {
    return replays;
  }

  void clear() {
    customers.clear();
    saved.clear();
    inFlight.clear();
    searchPages.clear();
    creates = 0;
    updates = 0;
    replays = 0;
  }

  /** Letters and digits as Stripe uses them in ids ({@code cus_…}, {@code req_…}). */
  static String randomAlphanumeric(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }
}
