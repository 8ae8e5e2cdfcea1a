package dev.actionlayer.onedrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folder;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/** OneDrive behind the connector SPI: folders only. Its {@code toString} shows no secret. */
record OneDriveConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final OneDriveFolders FOLDERS = new OneDriveFolders();

  @Override
  public String vendor() {
    return "onedrive";
  }

  @Override
  public Resource<NewFolder, Folder> folders() {
    return FOLDERS;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return OneDriveErrors.map(response);
  }

  /** Graph names every answer with this header (and repeats it in error bodies). */
  @Override
  public String requestIdHeader() {
    return "request-id";
  }
}
