package dev.actionlayer.dropbox;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Dropbox connector (API v2, RPC endpoints under {@code /2/files/}): canonical {@code folders}
 * are Dropbox folders.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("dropbox", Dropbox.connector(Dropbox.DEFAULT_BASE_URI, Credentials.bearer(accessToken)))
 *     .build();
 * Folder f = layer.folders("dropbox").create(new NewFolder("Ada Lovelace", null));   // at the root
 * }</pre>
 *
 * <p>Dropbox's API is path-based, but a path changes when a folder is renamed or moved, so the
 * canonical id is Dropbox's own stable file id, {@code id:…}, which Dropbox accepts wherever it
 * takes a path to an existing item. A null parent is the root. Where Dropbox needs a path (a create,
 * the target of a rename or move) the connector reads the parent's path by its id first and appends
 * the name, which must be one path component. A record's {@code parentId} is the parent's id where
 * the call knows it (create, list, move) and null after a plain get: Dropbox's metadata names the
 * parent only by path, which {@code extra.path} carries.
 *
 * <p>A create is safe to repeat: Dropbox refuses a second folder at a path ({@code 409
 * path/conflict/folder}), and the connector reads the folder there back as the one created while it
 * is empty. Get, update and delete refuse an id that is not a folder. A rename or move is idempotent:
 * each attempt reads where the folder is and moves it only if it is not there yet. A delete removes
 * the folder with its content (Dropbox keeps deleted files restorable for its retention period).
 * Listing keeps the folder's subfolders; Dropbox's {@code limit} is approximate. Connectors are
 * immutable and thread-safe.
 */
public final class Dropbox {
  /** Dropbox's RPC root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.dropboxapi.com/2");

  private Dropbox() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with a (short-lived) access token, or an OAuth refresher
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return new DropboxConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"));
  }
}
