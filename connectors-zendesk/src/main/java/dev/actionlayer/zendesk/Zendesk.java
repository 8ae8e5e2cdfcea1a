package dev.actionlayer.zendesk;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Zendesk Support connector (API v2): canonical {@code contacts} are Zendesk end users, with
 * create, get, update, delete and list. Every account has its own site, so there is no default
 * base URI: use {@link #site(String)} or the account's host name.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("zendesk", Zendesk.connector(Zendesk.site("acme"), Credentials.basic("agent@acme.com/token", apiToken)))
 *     .build();
 * }</pre>
 *
 * <p>Credentials: an API token as {@code Credentials.basic("{email}/token", token)}, or an OAuth
 * access token ({@link Credentials#bearer}). Zendesk stores one {@code name}: the first and last
 * names joined by a space, read back split at the first space. {@code company} is the user's
 * {@code organization_id}.
 *
 * <p>Creates are keyed: {@code POST /api/v2/users/create_or_update} with the call's idempotency
 * key as the user's {@code external_id}, so a repeat updates the user the first attempt made. As
 * Zendesk would also match an existing user by email (and overwrite its name and external id),
 * a create with an email first looks for a user holding it and fails with {@code CONFLICT} naming
 * that user instead. Connectors are immutable and thread-safe.
 */
public final class Zendesk {
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Zendesk() {}

  /** {@code https://{subdomain}.zendesk.com}. */
  public static URI site(String subdomain) {
    if (subdomain == null || !SUBDOMAIN.matcher(subdomain).matches()) {
      throw new IllegalArgumentException("subdomain is not a Zendesk subdomain (lower case letters, digits, -)");
    }
    return URI.create("https://" + subdomain + ".zendesk.com");
  }

  /**
   * A connector for the Zendesk site at {@code baseUri}.
   *
   * @throws IllegalArgumentException when {@code baseUri} is not acceptable ({@link BaseUris#require})
   */
  public static Connector connector(URI baseUri, Credentials credentials) {
    URI base = BaseUris.require(baseUri);
    return new ZendeskConnector(base, Objects.requireNonNull(credentials, "credentials == null"), new ZendeskUsers(base));
  }
}
