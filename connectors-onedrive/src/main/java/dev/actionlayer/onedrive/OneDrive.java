package dev.actionlayer.onedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Microsoft OneDrive connector (Microsoft Graph v1.0, the signed-in user's drive {@code /me/drive}):
 * canonical {@code folders} are drive items with the {@code folder} facet.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("onedrive", OneDrive.connector(OneDrive.DEFAULT_BASE_URI, Credentials.bearer(graphToken)))
 *     .build();
 * Folder f = layer.folders("onedrive").create(new NewFolder("Ada Lovelace", null));   // in the drive's root
 * }</pre>
 *
 * <p>Ids are Graph's drive-item ids; a null parent is the drive's root. A create asks Graph to fail
 * on a name already taken ({@code "@microsoft.graph.conflictBehavior":"fail"}); the {@code 409
 * nameAlreadyExists} is read back by path ({@code /items/{parent}:/{name}}) as the folder created
 * when that is an empty folder, so a repeated create makes one folder and never claims one someone
 * filled. Get, update and delete look at the item first and refuse one that is not a folder, so a
 * file's id given to {@code folders} changes nothing. A delete moves the folder, with its content, to
 * the recycle bin. Listing asks Graph for folders only ({@code $filter=folder ne null}) and keeps only
 * the {@code $skiptoken} of Graph's {@code @odata.nextLink} as the cursor; no URL the vendor returns
 * is ever followed. Connectors are immutable and thread-safe.
 */
public final class OneDrive {
  /** Microsoft Graph's v1.0 root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://graph.microsoft.com/v1.0");

  private OneDrive() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with a Graph access token ({@code Files.ReadWrite}),
   *     or an OAuth refresher
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return new OneDriveConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"));
  }
}
