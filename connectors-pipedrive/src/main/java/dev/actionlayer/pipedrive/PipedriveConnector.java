package dev.actionlayer.pipedrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** Pipedrive behind the connector SPI: contacts (persons) only. */
record PipedriveConnector(URI baseUri, Credentials credentials, PipedrivePersons resource) implements Connector {

  @Override
  public String vendor() {
    return "pipedrive";
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return resource;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return PipedriveErrors.map(response);
  }

  /** The two-second window's {@code x-ratelimit-limit} and {@code x-ratelimit-remaining}. */
  @Override
  public VendorUsage usage(VendorResponse response) {
    try {
      long limit = Long.parseLong(response.header("x-ratelimit-limit").trim());
      long left = Long.parseLong(response.header("x-ratelimit-remaining").trim());
      return limit > 0 && left >= 0 ? new VendorUsage(Math.max(0, limit - left), limit) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
