package dev.actionlayer.box;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Box connector (Content API 2.0): canonical {@code folders} are Box folders.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("box", Box.connector(Box.DEFAULT_BASE_URI, Credentials.bearer(accessToken)))
 *     .build();
 * Folder f = layer.folders("box").create(new NewFolder("Ada Lovelace", null));   // in "All Files"
 * layer.folders("box").list(FolderQuery.in(f.id()));
 * }</pre>
 *
 * <p>Folder ids are Box's digit strings; the root ("All Files") is {@code "0"}, and a null parent
 * means it. A create is safe to repeat: Box refuses a second folder of the same name in the same
 * parent with {@code 409 item_name_in_use} and names the existing one, which the connector reads
 * back as the folder created (when it is still empty, so that a folder someone had filled is never
 * claimed, and so never undone, as ours). A delete moves an <em>empty</em> folder to the trash
 * ({@code recursive=false}); Box refuses a folder with content ({@code CONFLICT}). Listing filters
 * the folder's items to its subfolders, so a page may hold fewer than the page size. Connectors are
 * immutable and thread-safe.
 */
public final class Box {
  /** Box's API root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.box.com/2.0");

  private Box() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with an access token (OAuth 2.0, JWT or a
   *     developer token), or an OAuth refresher
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return new BoxConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"));
  }
}
