package dev.actionlayer.hubspot;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The HubSpot connector (CRM API v3): canonical {@code contacts} are HubSpot contacts, with
 * create, get, update, delete (archive) and list.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("hubspot", HubSpot.connector(HubSpot.DEFAULT_BASE_URI, Credentials.bearer(privateAppToken), "actionlayer_key"))
 *     .build();
 * Contact c = layer.contacts("hubspot").create(new NewContact("Ada", "Lovelace", "ada@example.com"));
 * }</pre>
 *
 * <p>Creates are made safe to repeat with an upsert keyed by a contact property whose values
 * HubSpot keeps unique ({@code hasUniqueValue}, e.g. a custom {@code actionlayer_key} property
 * an admin creates once): each logical create upserts under its own idempotency key, so a repeat
 * returns the same contact. Without such a property creates are unkeyed: an ambiguous failure is
 * {@code OUTCOME_UNKNOWN}, and a second contact with an email HubSpot already has is
 * {@code CONFLICT} naming the existing id. The email is never used as the upsert key: an upsert
 * by email would overwrite another person's contact, and a saga undoing the create would then
 * delete it. Connectors are immutable and thread-safe.
 */
public final class HubSpot {
  /** HubSpot's API root. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.hubapi.com");

  private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  private HubSpot() {}

  /**
   * A connector whose creates are unkeyed (no unique key property configured).
   *
   * @param credentials {@link Credentials#bearer} with a private app's access token, or OAuth
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable ({@link BaseUris#require})
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    return connector(baseUri, credentials, null);
  }

  /**
   * A connector whose creates upsert by {@code keyProperty}, a contact property with unique
   * values, or are unkeyed when it is null.
   *
   * @throws IllegalArgumentException when {@code keyProperty} is not a property's internal name
   */
  public static Connector connector(URI baseUri, Credentials credentials, String keyProperty) {
    if (keyProperty != null && !PROPERTY.matcher(keyProperty).matches()) {
      throw new IllegalArgumentException("keyProperty is not a HubSpot property name (lower case, digits, _)");
    }
    return new HubSpotConnector(BaseUris.require(baseUri),
        Objects.requireNonNull(credentials, "credentials == null"), new HubSpotContacts(keyProperty));
  }
}
