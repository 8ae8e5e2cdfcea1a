package dev.actionlayer.gdrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folder;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/** Google Drive API v3 behind the connector SPI. Immutable configuration; thread-safe. */
final class DriveConnector implements Connector {
  private final URI baseUri;
  private final Credentials credentials;
  private final DriveFolders folders;

  DriveConnector(URI baseUri, Credentials credentials, DriveFolders folders) {
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.folders = folders;
  }

  @Override
  public String vendor() {
    return "gdrive";
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
  public Resource<NewFolder, Folder> folders() {
    return folders;
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
