package dev.actionlayer.stripe;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code contacts.update} as {@code POST /v1/customers/{id}}, a form with only the changed
 * parameters (Stripe: "Any parameters not provided will be left unchanged"). Names travel as
 * {@code name} and the {@code first_name}/{@code last_name} metadata, as on create; a change of
 * one name reads the customer first, since {@code name} holds both. The company is {@code
 * metadata[company]}, and {@code extra.description} is {@code description}. {@code ""} clears a
 * value: for metadata Stripe documents it ("Individual keys can be unset by posting an empty value
 * to them"); for {@code phone} and {@code description} it is Stripe's way of unsetting a string.
 */
final class StripeUpdates {
  private static final String NO_KEY = "-";

  private StripeUpdates() {}

  /**
   * The update, built once per call: every retry sends the same form. It carries the call's
   * idempotency key as {@code Idempotency-Key} when the pipeline gives an update one.
   */
  static VendorRequest.Builder request(StripeCustomers customers, String id, ContactChanges changes,
      CallContext context) {
    String customer = StripeIds.requireCustomerId(id);
    for (String key : changes.extra().keySet()) {
      if (!key.equals("description")) {
        throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).retryable(false)
            .fieldErrors(Map.of("extra." + key, "Stripe customers take only extra.description"))
            .message("Stripe cannot change extra." + key + " of a customer; extra.description is the one it takes")
            .build());
      }
    }
    StripeForm form = new StripeForm();
    if (changes.firstName() != null || changes.lastName() != null) names(form, customers, customer, changes, context);
    form.add("email", changes.email())
        .add("phone", changes.phone())
        .add("metadata[" + StripeJson.COMPANY + "]", StripeIds.requireMetadataValue(changes.company(), "company"))
        .add("description", changes.extra().get("description"));
    VendorRequest.Builder b = VendorRequest.post().path(StripeCustomers.CUSTOMERS).segment(customer);
    String key = context.idempotencyKey();
    // The pipeline gives updates no key of their own yet ("-"): one shared by every update would
    // replay the first update's answer to all the others.
    if (!NO_KEY.equals(key)) b.header("Idempotency-Key", StripeIds.requireIdempotencyKey(key));
    return b.body(StripeForm.CONTENT_TYPE, form.bytes());
  }

  private static void names(StripeForm form, StripeCustomers customers, String id, ContactChanges changes,
      CallContext context) {
    String first;
    String last;
    if (changes.firstName() != null && changes.lastName() != null) {
      first = emptyToNull(changes.firstName());
      last = changes.lastName();
    } else {
      Contact now = current(customers, id, context);
      first = changes.firstName() != null ? emptyToNull(changes.firstName()) : now.firstName();
      last = changes.lastName() != null ? changes.lastName() : now.lastName();
    }
    String name = last == null ? (first == null ? "" : first) : StripeJson.joined(first, last);
    form.add("name", name)
        .add("metadata[" + StripeJson.FIRST_NAME + "]", StripeIds.requireMetadataValue(first == null ? "" : first, "firstName"))
        .add("metadata[" + StripeJson.LAST_NAME + "]", StripeIds.requireMetadataValue(last == null ? "" : last, "lastName"));
  }

  /** The customer as it is, for the name the change leaves alone; a deleted one is NOT_FOUND. */
  private static Contact current(StripeCustomers customers, String id, CallContext context) {
    VendorResponse found = context.exchange(customers.get(id));
    if (!found.isSuccessful()) throw context.failure(found);
    try {
      return customers.read(found);
    } catch (IOException e) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(false)
          .httpStatus(found.status())
          .message("Stripe's answer about customer " + StripeIds.quoted(id) + " could not be read; nothing was changed")
          .build());
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
