package dev.actionlayer.stripe;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Stripe connector (API v1): canonical {@code contacts} are Stripe customers.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("stripe", Stripe.connector(URI.create("https://api.stripe.com"),
 *         Credentials.bearer(secretKey)))
 *     .build();
 * Contact c = layer.contacts("stripe").create(new NewContact("Ada", "Lovelace", "ada@example.com"));
 * }</pre>
 *
 * <p>Authenticate with {@link Credentials#bearer} holding a secret ({@code sk_…}) or restricted
 * ({@code rk_…}) key. Every create carries the logical call's idempotency key as Stripe's {@code
 * Idempotency-Key} header (and as {@code metadata[actionlayer_key]}), so the pipeline may repeat a
 * create whose response was lost: Stripe replays the first result instead of making a second
 * customer. The contact's first and last name travel as {@code name} and as {@code
 * metadata[first_name]}/{@code metadata[last_name]}; reading prefers the metadata while it still
 * agrees with {@code name}, and otherwise splits {@code name} before its last word.
 *
 * <p>{@code update} posts only the changed parameters to {@code /v1/customers/{id}} (the company
 * as {@code metadata[company]}, {@code ""} clearing a value); changing one name reads the customer
 * first, since Stripe's {@code name} holds both. {@code list} pages {@code /v1/customers} (an
 * {@code email} filter is Stripe's exact, case-sensitive one) with the last id as the cursor; a
 * {@code name} filter uses the Search API ({@code name~"…"}), which lags writes by up to a minute.
 * Records carry {@code phone}, the company, the dashboard link as {@code url} and {@code
 * description} in {@code extra}.
 *
 * <p>Ids are Stripe customer ids ({@code cus_…}); anything else is refused before any request. A
 * deleted customer reads as {@code NOT_FOUND}. Connectors are immutable and thread-safe.
 */
public final class Stripe {
  /** Stripe's API host. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.stripe.com");

  private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(\\.[a-z]{1,40})?");

  private Stripe() {}

  /**
   * A connector with the defaults: the account's default API version.
   *
   * @param baseUri {@link #DEFAULT_BASE_URI}, or a test server; plain http only to loopback
   * @param credentials a bearer secret or restricted key
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

  /** Configures a Stripe connector; each setter validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final URI baseUri;
    private final Credentials credentials;
    private String apiVersion;

    private Builder(URI baseUri, Credentials credentials) {
      this.baseUri = BaseUris.require(baseUri);
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    }

    /**
     * Pins the API version sent as {@code Stripe-Version} on every request, e.g. {@code
     * "2024-06-20"} or {@code "2024-09-30.acacia"}; null (the default) uses the account's default
     * version. The fields this connector reads are the same in every version.
     *
     * @throws IllegalArgumentException when not a date, optionally followed by a release name
     */
    public Builder apiVersion(String apiVersion) {
      if (apiVersion != null && !API_VERSION.matcher(apiVersion).matches()) {
        throw new IllegalArgumentException(
            "apiVersion is not a Stripe API version like 2024-06-20 or 2024-09-30.acacia");
      }
      this.apiVersion = apiVersion;
      return this;
    }

    /** The configured connector. */
    public Connector build() {
      return new StripeConnector(baseUri, credentials, new StripeCustomers(apiVersion));
    }
  }
}
