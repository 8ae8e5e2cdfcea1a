package dev.actionlayer.gitlab;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The GitLab Issues connector (REST API v4): canonical {@code tasks} are a project's issues.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("gitlab", GitLab.connector(GitLab.DEFAULT_BASE_URI, Credentials.bearer(token)))
 *     .build();
 * Task t = layer.tasks("gitlab").create(new NewTask("my-group/my-project", "Fix login bug", null));
 * // t.id() is "<project id>#<iid>", e.g. "278964#12"; t.key() "my-group/my-project#12"
 * }</pre>
 *
 * <p>{@link dev.actionlayer.NewTask#project()} is the project's numeric id or its full path
 * ({@code group/subgroup/project}), sent URL-encoded as one path segment; a task's id is
 * {@code <project>#<iid>}. A self-managed instance's base URI is {@code https://host/api/v4}.
 *
 * <p>Status: {@code opened} is {@code OPEN}, {@code closed} is {@code DONE} (changed with
 * {@code state_event}); REST has no "in progress" ({@code UNSUPPORTED}). GitLab has no idempotency
 * key: each create carries the call's key in an HTML comment appended to the description (invisible
 * when rendered, removed again when read), and a create whose answer was lost is looked up with the
 * project's issue search ({@code search} in the description) instead of being repeated. Deleting
 * an issue is allowed to administrators and project owners; others get {@code PERMISSION_DENIED}.
 * Immutable and thread-safe.
 */
public final class GitLab {
  /** GitLab.com's REST API v4 root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://gitlab.com/api/v4");

  private GitLab() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, a self-managed {@code https://host/api/v4}, or a test
   *     server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with a personal, project or group access token or
   *     an OAuth token (GitLab takes all of them as {@code Authorization: Bearer})
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return new GitLabConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"));
  }
}
