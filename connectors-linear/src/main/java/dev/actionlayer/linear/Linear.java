package dev.actionlayer.linear;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Linear connector (GraphQL API at {@code <base>/graphql}): canonical {@code tasks} are Linear
 * issues, a {@code project} is a team's id.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("linear", Linear.connector(Linear.DEFAULT_BASE_URI, Credentials.bearer(oauthAccessToken)))
 *     .build();
 * Task t = layer.tasks("linear").create(new NewTask(teamId, "Fix login bug", null));
 * // t.id() is the UUID, t.key() "ENG-123", t.url() its link
 * }</pre>
 *
 * <p>Every operation is one GraphQL document with variables: no agent value is ever spliced into
 * the query text. Linear reports failures in an {@code errors} array, with HTTP 200 or 400, which
 * this connector reads either way (the SPI's {@code readDeleted} included).
 *
 * <p>Creates are made safe to repeat by Linear's client-chosen ids: each create sends an issue id
 * (a v4-format UUID) derived from the call's idempotency key, so a create whose answer was lost is
 * looked up by that id instead of being repeated ({@code FINDABLE}). Status maps through the team's
 * workflow state types: {@code backlog}/{@code unstarted}/{@code triage} are {@code OPEN},
 * {@code started} is {@code IN_PROGRESS}, {@code completed}/{@code canceled} are {@code DONE}; a
 * canonical change picks the team's first state of type {@code unstarted}, {@code started} or
 * {@code completed}, a vendor status picks the state by name. Labels are set by name. Deleting an
 * issue moves it to Linear's trash; a trashed issue reads as {@code NOT_FOUND}.
 *
 * <p>Credentials: {@link Credentials#bearer} with an OAuth access token. Linear's personal API keys
 * are sent as {@code Authorization: <key>} without a scheme, which {@link Credentials} does not
 * offer. Immutable and thread-safe.
 */
public final class Linear {
  /** Linear's API host; the GraphQL endpoint is {@code /graphql} below it. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.linear.app");

  private Linear() {}

  /**
   * A connector for {@code baseUri}.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials {@link Credentials#bearer} with an OAuth access token
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable (see {@link BaseUris#require})
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return new LinearConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"));
  }
}
