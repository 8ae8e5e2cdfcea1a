package dev.actionlayer.pipedrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Pipedrive connector (API v2): canonical {@code contacts} are Pipedrive persons, with create,
 * get, update, delete and list (v2's cursor pages; {@code /persons/search} for an email or a name).
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("pipedrive", Pipedrive.connector(Pipedrive.DEFAULT_BASE_URI, Credentials.bearer(oauthAccessToken), keyFieldHash))
 *     .build();
 * }</pre>
 *
 * <p>Credentials are an OAuth access token ({@link Credentials#bearer} or {@link Credentials#oauth}):
 * sent as {@code Authorization: Bearer}, never in the URL. A person's {@code name} is the first and
 * last names joined by a space (Pipedrive derives {@code first_name}/{@code last_name} from it);
 * {@code company} is the id of the person's organization ({@code org_id}).
 *
 * <p>Pipedrive has no idempotency key and does not keep emails unique. With {@code keyField}, the
 * 40-character key of a text custom field an admin creates once, every create carries its
 * idempotency key there and is findable: after an ambiguous failure the pipeline searches for it
 * (exact match) instead of repeating. Without it creates are unkeyed ({@code OUTCOME_UNKNOWN} after
 * an ambiguous failure). Connectors are immutable and thread-safe.
 */
public final class Pipedrive {
  /** Pipedrive's API root; a company domain ({@code https://acme.pipedrive.com}) works too. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.pipedrive.com");

  private static final Pattern FIELD_KEY = Pattern.compile("[0-9a-f]{40}");

  private Pipedrive() {}

  /** A connector whose creates are unkeyed. */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return connector(baseUri, credentials, null);
  }

  /**
   * A connector whose creates carry their key in custom field {@code keyField} (findable), or are
   * unkeyed when it is null.
   *
   * @throws IllegalArgumentException when {@code keyField} is not a custom field key (40 hex digits)
   */
  public static Connector connector(URI baseUri, Credentials credentials, String keyField) {
    if (keyField != null && !FIELD_KEY.matcher(keyField).matches()) {
      throw new IllegalArgumentException("keyField is not a Pipedrive custom field key (40 hex digits)");
    }
    return new PipedriveConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"), new PipedrivePersons(keyField));
  }
}
