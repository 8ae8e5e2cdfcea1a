package dev.actionlayer.asana;

import dev.actionlayer.Credentials;
import dev.actionlayer.describe.Description;
import dev.actionlayer.describe.Descriptions;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Asana connector (REST API 1.0): canonical {@code tasks} are Asana tasks. It is a description,
 * {@code asana.json} on this module's classpath, run by the generic connector of
 * {@code connector-descriptions}: no Asana code beyond this entry point.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("asana", Asana.connector(Asana.DEFAULT_BASE_URI, Credentials.bearer(personalAccessToken)))
 *     .build();
 * Task t = layer.tasks("asana").create(new NewTask("1204567890123456", "Fix login bug", "500s on /login"));
 * }</pre>
 *
 * <p>{@link dev.actionlayer.NewTask#project()} is the gid of the Asana project the task goes in
 * and is required; the title is the task's {@code name}, the description its {@code notes}. Task
 * and project gids are digit strings; anything else is refused before any request. {@code update}
 * ({@code PUT /tasks/{gid}}) sends only the fields given (status {@code done}/{@code open} is
 * {@code completed}; Asana has no "in progress", and its tags are not set by an update);
 * {@code list} pages through one project's tasks with Asana's {@code next_page.offset}.
 *
 * <p>Asana has no idempotency key, so a create whose outcome is ambiguous (the response was lost
 * after Asana may have applied it) is never repeated and fails with {@code OUTCOME_UNKNOWN}.
 * Deleting a task moves it to the deleting user's trash. Connectors are immutable and thread-safe.
 */
public final class Asana {
  /** Asana's API root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://app.asana.com/api/1.0");

  /** The description this connector runs. */
  static final Description DESCRIPTION = Descriptions.fromClasspath(Asana.class.getClassLoader(), "asana.json");

  private Asana() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with a personal access token, or OAuth
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link
   *     BaseUris#require}) or the credentials are not bearer (or OAuth) credentials
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    Objects.requireNonNull(baseUri, "baseUri == null");
    return Descriptions.connector(DESCRIPTION, baseUri, Objects.requireNonNull(credentials, "credentials == null"));
  }
}
