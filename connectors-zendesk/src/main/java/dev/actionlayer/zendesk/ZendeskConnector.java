package dev.actionlayer.zendesk;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** Zendesk Support behind the connector SPI: contacts (end users) only. */
record ZendeskConnector(URI baseUri, Credentials credentials, ZendeskUsers resource) implements Connector {

  @Override
  public String vendor() {
    return "zendesk";
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return resource;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return ZendeskErrors.map(response);
  }

  @Override
  public String requestIdHeader() {
    return "X-Request-Id";
  }

  /** The account's per-minute allowance: {@code X-Rate-Limit} and {@code X-Rate-Limit-Remaining}. */
  @Override
  public VendorUsage usage(VendorResponse response) {
    try {
      long limit = Long.parseLong(response.header("X-Rate-Limit").trim());
      long left = Long.parseLong(response.header("X-Rate-Limit-Remaining").trim());
      return limit > 0 && left >= 0 ? new VendorUsage(Math.max(0, limit - left), limit) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
