package dev.actionlayer.box;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folder;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/** Box behind the connector SPI: folders only. Its {@code toString} shows no secret. */
record BoxConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final BoxFolders FOLDERS = new BoxFolders();

  @Override
  public String vendor() {
    return "box";
  }

  @Override
  public Resource<NewFolder, Folder> folders() {
    return FOLDERS;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return BoxErrors.map(response);
  }

  /** Box names every answer with this header; its support looks requests up by it. */
  @Override
  public String requestIdHeader() {
    return "BOX-REQUEST-ID";
  }
}
