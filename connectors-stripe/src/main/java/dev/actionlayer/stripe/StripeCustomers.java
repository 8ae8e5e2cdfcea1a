package dev.actionlayer.stripe;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;

/**
 * Canonical contacts as Stripe customers: create (keyed), retrieve, update ({@link
 * StripeUpdates}), list and search ({@link StripeListing}) and delete.
 */
final class StripeCustomers implements Resource<NewContact, Contact>, Updatable<ContactChanges, Contact>,
    Listable<ContactQuery, Contact> {
  static final String CUSTOMERS = "v1/customers";

  /** The pinned {@code Stripe-Version}, or null for the account's default. */
  private final String apiVersion;

  StripeCustomers(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  /**
   * {@code POST /v1/customers} with the key both as {@code Idempotency-Key} (Stripe replays the
   * first result to a repeat) and in the metadata (so the customer tells which call made it).
   */
  @Override
  public VendorRequest create(NewContact input, CallContext context) {
    String key = StripeIds.requireIdempotencyKey(context.idempotencyKey());
    StripeForm form = new StripeForm()
        .add("name", StripeJson.joined(input.firstName(), input.lastName()))
        .add("email", input.email())
        .add("metadata[" + StripeJson.KEY + "]", key)
        .add("metadata[" + StripeJson.FIRST_NAME + "]", StripeIds.requireMetadataValue(input.firstName(), "firstName"))
        .add("metadata[" + StripeJson.LAST_NAME + "]", StripeIds.requireMetadataValue(input.lastName(), "lastName"));
    return versioned(VendorRequest.post().path(CUSTOMERS)
        .header("Idempotency-Key", key)
        .body(StripeForm.CONTENT_TYPE, form.bytes()));
  }

  @Override
  public Contact readCreated(VendorResponse response, NewContact input, CallContext context)
      throws IOException {
    return StripeJson.contact(StripeJson.CUSTOMER.fromJson(response.bodyString()));
  }

  @Override
  public VendorRequest get(String id) {
    return versioned(VendorRequest.get().path(CUSTOMERS).segment(StripeIds.requireCustomerId(id)));
  }

  /**
   * Reads a retrieved customer; a deleted one (Stripe answers it with 200) is {@code NOT_FOUND},
   * exactly as a missing one is.
   */
  @Override
  public Contact read(VendorResponse response) throws IOException {
    StripeJson.Customer customer = StripeJson.CUSTOMER.fromJson(response.bodyString());
    if (StripeJson.isDeleted(customer)) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND)
          .httpStatus(response.status())
          .message("Stripe customer " + StripeIds.quoted(customer.id()) + " was deleted")
          .build());
    }
    return StripeJson.contact(customer);
  }

  /** {@code DELETE /v1/customers/{id}}; Stripe answers {@code {"deleted": true, …}}. */
  @Override
  public VendorRequest delete(String id) {
    return versioned(VendorRequest.delete().path(CUSTOMERS).segment(StripeIds.requireCustomerId(id)));
  }

  /** {@code POST /v1/customers/{id}} with only the changed parameters: see {@link StripeUpdates}. */
  @Override
  public VendorRequest update(String id, ContactChanges changes, CallContext context) {
    return versioned(StripeUpdates.request(this, id, changes, context));
  }

  /** Stripe answers an update with the whole customer. */
  @Override
  public Contact readUpdated(VendorResponse response, String id, ContactChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  /** {@code GET /v1/customers}, or the Search API for a name: see {@link StripeListing}. */
  @Override
  public VendorRequest list(ContactQuery query, CallContext context) {
    return versioned(StripeListing.request(query));
  }

  @Override
  public Page<Contact> readPage(VendorResponse response, ContactQuery query, CallContext context)
      throws IOException {
    return StripeListing.page(response.bodyString(), query);
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.KEYED;
  }

  private VendorRequest versioned(VendorRequest.Builder request) {
    return (apiVersion == null ? request : request.header("Stripe-Version", apiVersion)).build();
  }

  @Override
  public String toString() {
    return "customers{" + (apiVersion == null ? "account default version" : apiVersion) + "}";
  }
}
