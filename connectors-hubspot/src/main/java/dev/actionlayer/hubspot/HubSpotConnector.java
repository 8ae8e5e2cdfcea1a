package dev.actionlayer.hubspot;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** HubSpot behind the connector SPI: contacts only. */
record HubSpotConnector(URI baseUri, Credentials credentials, HubSpotContacts resource)
    implements Connector {

  @Override
  public String vendor() {
    return "hubspot";
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return resource;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return HubSpotErrors.map(response);
  }

  @Override
  public String requestIdHeader() {
    return "X-HubSpot-Correlation-Id";
  }

  /**
   * The daily allowance where HubSpot reports one (private apps), else the rolling window's
   * ({@code X-HubSpot-RateLimit-Max}/{@code -Remaining}, per ten seconds).
   */
  @Override
  public VendorUsage usage(VendorResponse response) {
    VendorUsage daily = usage(response.header("X-HubSpot-RateLimit-Daily"),
        response.header("X-HubSpot-RateLimit-Daily-Remaining"));
    return daily != null ? daily : usage(response.header("X-HubSpot-RateLimit-Max"),
        response.header("X-HubSpot-RateLimit-Remaining"));
  }

  private static VendorUsage usage(String limit, String remaining) {
    try {
      long max = Long.parseLong(limit.trim());
      long left = Long.parseLong(remaining.trim());
      return max > 0 && left >= 0 ? new VendorUsage(Math.max(0, max - left), max) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
