package dev.actionlayer.stripe;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.Contact;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Moshi shapes of the Stripe bodies the connector reads; unknown members are skipped. The records
 * are public only because Moshi's record adapter requires it; the enclosing class keeps them out of
 * the API.
 */
final class StripeJson {
  static final String KEY = "actionlayer_key";
  static final String FIRST_NAME = "first_name";
  static final String LAST_NAME = "last_name";
  /** The metadata key holding a contact's company: Stripe's customer has no company field. */
  static final String COMPANY = "company";
  static final String DASHBOARD = "https://dashboard.stripe.com/";

  /** A customer, or a deleted customer ({@code {"id", "object":"customer", "deleted":true}}). */
  public record Customer(String id, String object, String name, String email, String phone,
      String description, Map<String, String> metadata, Boolean livemode, Boolean deleted) {}

  /**
   * A page of customers: a list ({@code "object": "list"}, {@code has_more}) or a search result
   * ({@code "object": "search_result"}, {@code has_more}, {@code next_page}).
   */
  public record CustomerPage(String object, List<Customer> data, Boolean has_more, String next_page) {}

  /** The envelope of every Stripe API error. */
  public record ErrorEnvelope(ApiError error) {}

  /** Stripe's {@code error} object, reduced to what the mapping needs. */
  public record ApiError(String type, String code, String message, String param) {}

  static final JsonAdapter<Customer> CUSTOMER = Json.MOSHI.adapter(Customer.class);
  static final JsonAdapter<CustomerPage> PAGE = Json.MOSHI.adapter(CustomerPage.class);
  static final JsonAdapter<ErrorEnvelope> ERROR = Json.MOSHI.adapter(ErrorEnvelope.class);

  private StripeJson() {}

  /** Whether the body is a deleted customer: Stripe answers 200, not 404, for one. */
  static boolean isDeleted(Customer customer) {
    return customer != null && Boolean.TRUE.equals(customer.deleted());
  }

  /**
   * The contact a customer describes. The names come from the metadata this connector wrote as
   * long as they still add up to {@code name}; once {@code name} was changed elsewhere (the
   * dashboard), it wins and is split before its last word. The company is {@code
   * metadata[company]}; {@code description} travels in {@code extra}.
   *
   * @throws IOException when the body is not a customer with an id
   */
  static Contact contact(Customer customer) throws IOException {
    if (customer == null || customer.id() == null || customer.id().isBlank()) {
      throw new IOException("customer has no id");
    }
    if (customer.object() != null && !customer.object().equals("customer")) {
      throw new IOException("object is not a customer");
    }
    Map<String, String> metadata = customer.metadata() == null ? Map.of() : customer.metadata();
    String name = blankToNull(customer.name());
    String first = blankToNull(metadata.get(FIRST_NAME));
    String last = blankToNull(metadata.get(LAST_NAME));
    if (last == null || !joined(first, last).equals(name)) {
      int space = name == null ? -1 : lastSpace(name);
      first = space < 0 ? null : blankToNull(name.substring(0, space));
      last = space < 0 ? name : blankToNull(name.substring(space + 1));
    }
    String description = blankToNull(customer.description());
    return new Contact(customer.id(), first, last, blankToNull(customer.email()), blankToNull(customer.phone()),
        blankToNull(metadata.get(COMPANY)), url(customer),
        description == null ? Map.of() : Map.of("description", description));
  }

  /**
   * Where a person opens the customer: the dashboard's customer page, under {@code test/} for a
   * test-mode customer ({@code "livemode": false}), which the live view does not show.
   */
  static String url(Customer customer) {
    return DASHBOARD + (Boolean.FALSE.equals(customer.livemode()) ? "test/" : "") + "customers/" + customer.id();
  }

  /** Stripe's {@code name} for a contact: the first name (when there is one), a space, the last. */
  static String joined(String first, String last) {
    return first == null ? last : first + " " + last;
  }

  private static int lastSpace(String name) {
    for (int i = name.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(name.charAt(i))) return i;
    }
    return -1;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
