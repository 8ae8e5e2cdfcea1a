package dev.actionlayer.stripe;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Page;
import dev.actionlayer.spi.VendorRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code contacts.list}. Without a name: {@code GET /v1/customers?limit=&email=&starting_after=}
 * (immediately consistent; {@code email} is Stripe's exact, case-sensitive filter), the cursor
 * being the last customer's id while {@code has_more}. With a name: the Search API, {@code GET
 * /v1/customers/search?query=name~"…"&limit=&page=}, the cursor being Stripe's {@code next_page};
 * search is not read-after-write (Stripe: searchable "in under 1 minute"). Values are quoted for
 * Stripe's search language, where a backslash escapes a quote; a value holding a backslash is
 * refused as {@code UNSUPPORTED}, since Stripe documents no escape for the backslash itself.
 */
final class StripeListing {
  static final String SEARCH = "v1/customers/search";
  /** Stripe's minimum for a substring ({@code ~}) match; shorter names match whole words ({@code :}). */
  private static final int MIN_SUBSTRING = 3;

  private StripeListing() {}

  static VendorRequest.Builder request(ContactQuery query) {
    String limit = Integer.toString(query.pageSize());
    if (query.name() != null) {
      String name = quoted(query.name(), "name");
      String clause = (query.name().length() < MIN_SUBSTRING ? "name:" : "name~") + name;
      if (query.email() != null) clause += " AND email:" + quoted(query.email(), "email");
      VendorRequest.Builder b = VendorRequest.get().path(SEARCH).query("query", clause).query("limit", limit);
      return query.cursor() == null ? b : b.query("page", query.cursor());
    }
    VendorRequest.Builder b = VendorRequest.get().path(StripeCustomers.CUSTOMERS).query("limit", limit);
    if (query.email() != null) b.query("email", query.email());
    if (query.cursor() != null) b.query("starting_after", cursor(query.cursor()));
    return b;
  }

  /** A list cursor is the id of the last customer of the previous page. */
  private static String cursor(String cursor) {
    try {
      return StripeIds.requireCustomerId(cursor);
    } catch (ActionException e) {
      throw ActionException.invalidField("cursor", "is not a cursor of a Stripe customer list");
    }
  }

  /** {@code "value"} with {@code "} escaped; a backslash cannot be quoted safely. */
  static String quoted(String value, String field) {
    if (value.indexOf('\\') >= 0) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
          .fieldErrors(Map.of(field, "contains a backslash, which Stripe's search language cannot quote"))
          .message("Stripe's customer search cannot look for a " + field + " containing a backslash")
          .build());
    }
    return "\"" + value.replace("\"", "\\\"") + "\"";
  }

  /**
   * The page; the next cursor is {@code next_page} for a search and the last id for a list, while
   * {@code has_more}.
   *
   * @throws IOException when the body is not a customer list or search result
   */
  static Page<Contact> page(String body, ContactQuery query) throws IOException {
    StripeJson.CustomerPage page = StripeJson.PAGE.fromJson(body);
    String expected = query.name() != null ? "search_result" : "list";
    if (page == null || page.data() == null || !expected.equals(page.object())) {
      throw new IOException("not a Stripe " + expected);
    }
    List<Contact> contacts = new ArrayList<>();
    for (StripeJson.Customer customer : page.data()) {
      if (!StripeJson.isDeleted(customer)) contacts.add(StripeJson.contact(customer));
    }
    if (!Boolean.TRUE.equals(page.has_more())) return new Page<>(contacts, null);
    if (query.name() != null) {
      if (page.next_page() == null || page.next_page().isBlank()) throw new IOException("has_more without next_page");
      return new Page<>(contacts, page.next_page());
    }
    if (page.data().isEmpty()) throw new IOException("has_more on an empty list");
    return new Page<>(contacts, page.data().get(page.data().size() - 1).id());
  }
}
