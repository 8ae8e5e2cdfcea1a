package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * FakeStripe's {@code GET /v1/customers} and {@code GET /v1/customers/search}: live customers,
 * newest first, {@code limit} 1 to 100 (default 10). A list filters by {@code email} (exact,
 * case-sensitive) and continues {@code starting_after} a customer id, answering {@code {"object":
 * "list", "data", "has_more", "url"}}; a search runs {@link StripeSearch} and continues at the
 * {@code page} its {@code next_page} named, answering {@code {"object": "search_result", "data",
 * "has_more", "next_page", "url"}}. Unlike Stripe's, this search sees a write at once.
 */
final class StripeList {
  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 100;

  private StripeList() {}

  static MockResponse list(StripeStore store, String limitParam, String email, String startingAfter) {
    Object limit = limit(limitParam);
    if (limit instanceof MockResponse refusal) return refusal;
    List<FakeStripe.Customer> all = store.newestFirst();
    int from = 0;
    if (startingAfter != null) {
      FakeStripe.Customer after = store.find(startingAfter);
      if (after == null || after.deleted()) {
        return StripeResponses.json(400, StripeResponses.invalidRequest("resource_missing",
            "No such customer: '" + startingAfter + "'", "starting_after"));
      }
      from = all.indexOf(after) + 1;
    }
    List<FakeStripe.Customer> matches = new ArrayList<>();
    for (FakeStripe.Customer c : all.subList(from, all.size())) {
      if (email == null || email.equals(c.email())) matches.add(c);
    }
    int end = Math.min(matches.size(), (Integer) limit);
    return StripeResponses.json(200, Json.write(Json.object("object", "list",
        "data", customers(matches.subList(0, end)), "has_more", end < matches.size(), "url", "/v1/customers")));
  }

  static MockResponse search(StripeStore store, String query, String limitParam, String page) {
    Object limit = limit(limitParam);
    if (limit instanceof MockResponse refusal) return refusal;
    Object parsed = StripeSearch.parse(query);
    if (parsed instanceof String message) {
      return StripeResponses.json(400, StripeResponses.invalidRequest(null, message, "query"));
    }
    int from = 0;
    if (page != null) {
      StripeStore.SearchPage state = store.searchPage(page);
      if (state == null || !state.query().equals(query)) {
        // Unverified wording: a page token is only good for the query that produced it.
        return StripeResponses.json(400, StripeResponses.invalidRequest(null, "Invalid page: " + page
            + ". Use the next_page value from the previous response to request the next page.", "page"));
      }
      from = state.offset();
    }
    List<FakeStripe.Customer> matches = new ArrayList<>();
    for (FakeStripe.Customer c : store.newestFirst()) {
      if (((StripeSearch) parsed).matches(c)) matches.add(c);
    }
    from = Math.min(from, matches.size());
    int end = Math.min(matches.size(), from + (Integer) limit);
    boolean more = end < matches.size();
    return StripeResponses.json(200, Json.write(Json.object("object", "search_result",
        "data", customers(matches.subList(from, end)), "has_more", more,
        "next_page", more ? store.searchToken(query, end) : null, "url", "/v1/customers/search")));
  }

  /** The limit, or Stripe's 400 for one out of bounds. */
  private static Object limit(String param) {
    if (param == null) return DEFAULT_LIMIT;
    if (!param.matches("\\d{1,9}")) {
      return StripeResponses.json(400, StripeResponses.invalidRequest(null, "Invalid integer: "
          + param.replaceAll("[^0-9A-Za-z-]", ""), "limit"));
    }
    int limit = Integer.parseInt(param);
    if (limit < 1 || limit > MAX_LIMIT) {
      return StripeResponses.json(400, StripeResponses.invalidRequest(null,
          "This value must be between 1 and " + MAX_LIMIT + ".", "limit"));
    }
    return limit;
  }

  private static List<Map<String, Object>> customers(List<FakeStripe.Customer> page) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FakeStripe.Customer c : page) out.add(StripeResponses.customerObject(c));
    return out;
  }
}
