package dev.actionlayer.dropbox;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folder;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/** Dropbox behind the connector SPI: folders only. Its {@code toString} shows no secret. */
record DropboxConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final DropboxFolders FOLDERS = new DropboxFolders();

  @Override
  public String vendor() {
    return "dropbox";
  }

  @Override
  public Resource<NewFolder, Folder> folders() {
    return FOLDERS;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return DropboxErrors.map(response);
  }

  /** Dropbox names every answer with this header; its support looks requests up by it. */
  @Override
  public String requestIdHeader() {
    return "X-Dropbox-Request-Id";
  }
}
