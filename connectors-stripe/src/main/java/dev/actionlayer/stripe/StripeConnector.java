package dev.actionlayer.stripe;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;
import java.util.Objects;

/** Stripe API v1 behind the connector SPI. Immutable and thread-safe. */
record StripeConnector(URI baseUri, Credentials credentials, StripeCustomers contacts) implements Connector {
  StripeConnector {
    Objects.requireNonNull(baseUri, "baseUri == null");
    Objects.requireNonNull(credentials, "credentials == null");
    Objects.requireNonNull(contacts, "contacts == null");
  }

  @Override
  public String vendor() {
    return "stripe";
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
    return "Stripe{" + baseUri + ", " + credentials + ", " + contacts + "}";
  }
}
