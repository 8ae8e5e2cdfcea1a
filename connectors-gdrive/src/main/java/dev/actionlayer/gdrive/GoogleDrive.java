package dev.actionlayer.gdrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Google Drive connector (Drive API v3): canonical {@code folders} are Drive files of type
 * {@code application/vnd.google-apps.folder}.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("drive", GoogleDrive.connector(URI.create("https://www.googleapis.com"),
 *         Credentials.bearer(accessToken)))
 *     .build();
 * Folder f = layer.folders("drive").create(new NewFolder("Ada Lovelace", null));
 * }</pre>
 *
 * <p>Authenticate with an OAuth 2.0 access token ({@link Credentials#bearer}) whose scopes allow
 * creating files ({@code drive} or {@code drive.file}). A folder's {@code id} is its Drive file id;
 * {@link dev.actionlayer.NewFolder#parentId()} is a folder id, {@code "root"} (My Drive) or null
 * (My Drive as well). Ids that are not Drive file ids (10 to 200 letters, digits, {@code -} or
 * {@code _}) are refused before any request.
 *
 * <p>Creates never duplicate: each carries a file id pre-generated with {@code files.generateIds}
 * (fetched in batches and pooled in the connector) and an {@code appProperties} entry {@code
 * actionlayerKey} holding the call's idempotency key. A repeat after a lost response gets {@code
 * 409 fileIdInUse}; the connector then reads the folder back and returns it. The property also
 * makes a create findable ({@code files.list} with {@code q = appProperties has { key='actionlayerKey'
 * and value='<key>' } and trashed = false}): a saga undoing a create whose outcome is unknown looks
 * the folder up instead of repeating the create, which in a new process would take a new id and
 * make a second folder.
 *
 * <p><strong>Deleting is permanent:</strong> {@code files.delete} skips the trash, and deleting a
 * folder also deletes every descendant the user owns. When recovery must stay possible, trash the
 * folder in the Drive UI or with {@code files.update} ({@code "trashed": true}) instead. Delete
 * looks first: an id that is not a folder is refused as {@code NOT_FOUND} and nothing is deleted.
 * A trashed folder, or a file that is not a folder, reads as {@code NOT_FOUND}.
 *
 * <p>{@code update} renames ({@code files.update} with {@code {"name": …}}) and moves ({@code
 * addParents}/{@code removeParents}) a folder, after reading its current parents; it refuses an
 * id that is not a live folder as {@code NOT_FOUND}, changing nothing. {@code list} answers the
 * folders directly in {@link dev.actionlayer.FolderQuery#parentId()} (My Drive when null), outside
 * the trash, with {@code name} matched by Drive's {@code name contains} (a prefix of the name or,
 * in practice, of one of its words), Drive's {@code nextPageToken} as the cursor. Records carry
 * the parent's id and the folder's {@code webViewLink} as {@code url}.
 *
 * <p>Connectors are thread-safe; their id pool is the only state they keep.
 */
public final class GoogleDrive {
  /** Drive's production base URI. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://www.googleapis.com");

  private GoogleDrive() {}

  /**
   * A connector with the defaults: ids fetched 100 at a time, {@code supportsAllDrives} not sent.
   *
   * @param baseUri normally {@link #DEFAULT_BASE_URI}; plain http only to loopback
   * @param credentials a bearer OAuth access token
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link
   *     BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return builder(baseUri, credentials).build();
  }

  /**
   * A builder for a connector with non-default options; arguments are validated at once.
   *
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link
   *     BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Builder builder(URI baseUri, Credentials credentials) {
    return new Builder(baseUri, credentials);
  }

  /** Configures a Google Drive connector; each setter validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final URI baseUri;
    private final Credentials credentials;
    private int idBatchSize = 100;
    private boolean supportsAllDrives;

    private Builder(URI baseUri, Credentials credentials) {
      this.baseUri = BaseUris.require(baseUri);
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    }

    /**
     * How many file ids one {@code files.generateIds} request fetches for the pool. Default 100.
     *
     * @throws IllegalArgumentException when not in 1..1000 (Drive's bounds)
     */
    public Builder idBatchSize(int idBatchSize) {
      if (idBatchSize < 1 || idBatchSize > 1000) {
        throw new IllegalArgumentException("idBatchSize not in 1..1000: " + idBatchSize);
      }
      this.idBatchSize = idBatchSize;
      return this;
    }

    /**
     * Whether requests send {@code supportsAllDrives=true}, which folders in shared drives need
     * (and lookups by key also {@code includeItemsFromAllDrives=true}). Default false.
     */
    public Builder supportsAllDrives(boolean supportsAllDrives) {
      this.supportsAllDrives = supportsAllDrives;
      return this;
    }

    /** The configured connector; each connector has its own id pool. */
    public Connector build() {
      return new DriveConnector(baseUri, credentials,
          new DriveFolders(new DriveIdPool(idBatchSize), supportsAllDrives));
    }
  }
}
