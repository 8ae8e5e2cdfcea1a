package dev.actionlayer.todoist;

import dev.actionlayer.Credentials;
import dev.actionlayer.describe.Description;
import dev.actionlayer.describe.Descriptions;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Todoist connector (API v1): canonical {@code tasks} are Todoist tasks, described in
 * {@code todoist.json} and run by the generic connector: create (keyed by {@code X-Request-Id}),
 * get, update (only the fields given; status by {@code /close} and {@code /reopen}), delete and
 * list (a project's active tasks, Todoist's {@code next_cursor}).
 *
 * <pre>{@code
 * .connection("todo", Todoist.connector(Todoist.DEFAULT_BASE_URI, Credentials.bearer(apiToken)))
 * }</pre>
 */
public final class Todoist {
  /** Todoist's API v1 root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.todoist.com/api/v1");

  static final Description DESCRIPTION = Descriptions.fromClasspath(Todoist.class.getClassLoader(), "todoist.json");

  private Todoist() {}

  /**
   * A connector for {@code baseUri} with a personal API token or an OAuth access token.
   *
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable or the credentials are not bearer
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return Descriptions.connector(DESCRIPTION, Objects.requireNonNull(baseUri, "baseUri == null"), credentials);
  }
}
