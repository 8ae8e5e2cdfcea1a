package dev.actionlayer.github;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The GitHub Issues connector (REST API {@code 2022-11-28}): canonical {@code tasks} are the
 * issues of a repository.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("github", GitHub.connector(GitHub.DEFAULT_BASE_URI, Credentials.bearer(token)))
 *     .build();
 * Task t = layer.tasks("github").create(new NewTask("octocat/hello-world", "Fix login bug", null));
 * // t.id() is "octocat/hello-world#1347", t.key() "#1347"
 * }</pre>
 *
 * <p>{@link dev.actionlayer.NewTask#project()} is the repository as {@code owner/repo}; a task's id is
 * {@code owner/repo#number}. Both are checked against GitHub's name rules and sent as separate path
 * segments, so no agent value can reach another endpoint.
 *
 * <p>Status: {@code open} is {@code OPEN}, {@code closed} is {@code DONE} (the vendor status is
 * {@code open}, {@code completed}, {@code not_planned} or {@code closed}); GitHub has no "in
 * progress", which is {@code UNSUPPORTED}, as are due dates. GitHub has no idempotency key and its
 * search is eventually consistent, so a create whose answer was lost fails with
 * {@code OUTCOME_UNKNOWN} and is never repeated. REST cannot delete an issue: {@code delete} reads the
 * issue's node id and runs the GraphQL {@code deleteIssue} mutation at {@code <base>/graphql}, which
 * GitHub allows repository admins only (others get {@code PERMISSION_DENIED}). GitHub Enterprise
 * Server serves GraphQL at {@code /api/graphql} beside {@code /api/v3}, which this connector does
 * not reach: there, delete fails. Immutable and thread-safe.
 */
public final class GitHub {
  /** GitHub.com's REST API root; its GraphQL endpoint is {@code /graphql} below it. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.github.com");

  private GitHub() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with a personal access token, an app installation
   *     token or an OAuth token
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return new GitHubConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"));
  }
}
