package dev.actionlayer.jira;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import java.net.URI;
import java.util.Objects;

/**
 * The Jira Cloud connector (REST API v3): canonical {@code tasks} are Jira issues.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("jira", Jira.connector(URI.create("https://acme.atlassian.net"),
 *         Credentials.basic("me@acme.com", apiToken)))
 *     .build();
 * Task t = layer.tasks("jira").create(new NewTask("PROJ", "Fix login bug", "500s on /login"));
 * }</pre>
 *
 * <p>Authenticate with {@link Credentials#basic} (account email and API token, against the site
 * URL) or {@link Credentials#bearer} (an OAuth 2.0 access token, against
 * {@code https://api.atlassian.com/ex/jira/{cloudId}}; the base path is kept). {@link
 * dev.actionlayer.NewTask#project()} is the Jira project key and is required; a task's {@code id}
 * is Jira's numeric issue id, and {@code get}/{@code update}/{@code delete} accept an id or an
 * issue key. A task reads back with its status (canonical from the status category: To Do is
 * {@code open}, In Progress {@code in_progress}, Done {@code done}; {@code vendorStatus} is the
 * status's name), assignee account id, due date, labels, key and {@code <site>/browse/<key>} link.
 *
 * <p>{@code update} edits only the fields given ({@code PUT /rest/api/3/issue/{id}}); a status
 * change applies the workflow transition that leads to the wanted status category (or to the
 * status named by {@code vendorStatus}), and fails with {@code INVALID_REQUEST} naming the field
 * when the workflow has none from the issue's status. {@code list} is a JQL search on project,
 * status category, assignee and text; Jira refuses a search without any of them.
 *
 * <p>Jira has no idempotency key, so by default a create whose outcome is ambiguous (the response
 * was lost after Jira may have applied it) is never repeated and fails with {@code
 * OUTCOME_UNKNOWN}. With {@link Builder#dedupeLabels(boolean)} each create carries a label holding
 * its idempotency key, and the pipeline looks the issue up by that label instead.
 *
 * <p>Connectors are immutable and thread-safe.
 */
public final class Jira {
  private Jira() {}

  /**
   * A connector with the defaults: issue type {@code "Task"}, no dedupe labels.
   *
   * @param baseUri the site ({@code https://your-domain.atlassian.net}) or the OAuth gateway
   *     ({@code https://api.atlassian.com/ex/jira/{cloudId}}); plain http only to loopback
   * @param credentials Basic (email, API token) or bearer (OAuth access token)
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

  /** Configures a Jira connector; each setter validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final URI baseUri;
    private final Credentials credentials;
    private String issueType = "Task";
    private boolean dedupeLabels;

    private Builder(URI baseUri, Credentials credentials) {
      this.baseUri = BaseUris.require(baseUri);
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    }

    /**
     * The issue type name every create uses. Default {@code "Task"}.
     *
     * @throws IllegalArgumentException when blank, longer than 255 characters or holding a
     *     control character
     */
    public Builder issueType(String issueType) {
      Objects.requireNonNull(issueType, "issueType == null");
      if (issueType.isBlank()) throw new IllegalArgumentException("issueType is blank");
      if (issueType.length() > 255) {
        throw new IllegalArgumentException("issueType is longer than 255 characters: " + issueType.length());
      }
      if (issueType.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("issueType contains a control character");
      }
      this.issueType = issueType;
      return this;
    }

    /**
     * Whether each create carries the label {@code actionlayer-<idempotencyKey>} so that a create
     * whose response was lost can be found by a JQL search instead of being reported as {@code
     * OUTCOME_UNKNOWN}. The label stays on the issue. Default false.
     */
    public Builder dedupeLabels(boolean dedupeLabels) {
      this.dedupeLabels = dedupeLabels;
      return this;
    }

    /** The configured connector. */
    public Connector build() {
      CreateSafety safety = dedupeLabels ? CreateSafety.FINDABLE : CreateSafety.UNSAFE;
      return new JiraConnector(baseUri, credentials, new JiraIssues(site(baseUri), issueType, safety));
    }

    /**
     * Where people browse the site's issues: the base URI itself, except for the OAuth gateway
     * ({@code api.atlassian.com}), whose site is not known from it (tasks then carry no url).
     */
    private static URI site(URI baseUri) {
      if ("api.atlassian.com".equalsIgnoreCase(baseUri.getHost())) return null;
      String s = baseUri.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
  }
}
