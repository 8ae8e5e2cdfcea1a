package dev.actionlayer.stripe;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/** Stripe API v1 behind the connector SPI. Immutable and thread-safe. */
final class StripeConnector implements Connector {
  private final URI baseUri;
  private final Credentials credentials;
  private final StripeCustomers customers;

  StripeConnector(URI baseUri, Credentials credentials, StripeCustomers customers) {
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.customers = customers;
  }

  @Override
  public String vendor() {
    return "stripe";
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return customers;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return StripeErrors.map(response);
  }

  @Override
  public String requestIdHeader() {
    return StripeErrors.REQUEST_ID_HEADER;
  }

  @Override
  public String toString() {
    return "Stripe{" + baseUri + ", " + credentials + ", " + customers + "}";
  }
}
