package dev.actionlayer.gdrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;
import java.util.Objects;

/** Google Drive API v3 behind the connector SPI. Immutable configuration; thread-safe. */
record DriveConnector(URI baseUri, Credentials credentials, DriveFolders folders) implements Connector {
  DriveConnector {
    Objects.requireNonNull(baseUri, "baseUri == null");
    Objects.requireNonNull(credentials, "credentials == null");
    Objects.requireNonNull(folders, "folders == null");
  }

  @Override
  public String vendor() {
    return "gdrive";
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return DriveErrors.map(response);
  }

  @Override
  public String toString() {
    return "GoogleDrive{" + baseUri + ", " + credentials + ", " + folders + "}";
  }
}
