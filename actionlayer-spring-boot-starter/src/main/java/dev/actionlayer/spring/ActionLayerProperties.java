package dev.actionlayer.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code actionlayer.*} settings the starter builds its {@code ActionLayer} from. Every value is
 * bound as text and checked when the layer is built, so that a bad one fails start-up with a
 * message naming its key, never quoting its value (any of them may be a pasted credential).
 *
 * <p>This class and its nested ones keep {@link Object#toString()}: nothing here prints a value.
 */
@ConfigurationProperties(prefix = "actionlayer")
public class ActionLayerProperties {
  /**
   * The connections, by name (1 to 64 letters, digits, '_' or '-'): the name tools and
   * {@code layer.tasks(name)} use.
   */
  private Map<String, Connection> connections = new LinkedHashMap<>();

  /**
   * Path of the policy document (JSON, see the policy documentation): who may call which operation
   * on which connection. Default: none, every call is allowed.
   */
  private String policy;

  /** Who acts, for audit, duplicate suppression and the policy. Default "default". */
  private String principal;

  /**
   * Whether a tool call's span carries its arguments and result (redacted like audit events). Off by
   * default: they never appear on a span.
   */
  private boolean recordToolArguments;

  /** Where sagas keep their books. */
  private final Journal journal = new Journal();

  /** Where the one audit event per call goes. */
  private final Audit audit = new Audit();

  public Map<String, Connection> getConnections() {
    return connections;
  }

  public void setConnections(Map<String, Connection> connections) {
    this.connections = connections;
  }

  public String getPolicy() {
    return policy;
  }

  public void setPolicy(String policy) {
    this.policy = policy;
  }

  public String getPrincipal() {
    return principal;
  }

  public void setPrincipal(String principal) {
    this.principal = principal;
  }

  public boolean isRecordToolArguments() {
    return recordToolArguments;
  }

  public void setRecordToolArguments(boolean recordToolArguments) {
    this.recordToolArguments = recordToolArguments;
  }

  public Journal getJournal() {
    return journal;
  }

  public Audit getAudit() {
    return audit;
  }

  /** One connection: a vendor account. */
  public static class Connection {
    /**
     * The vendor, as its connector module names it (jira, salesforce, gdrive, stripe, …): found among
     * the connector jars on the class path. Not needed with a description.
     */
    private String vendor;

    /**
     * The API root of this account, e.g. https://acme.atlassian.net. Default: the vendor's public
     * API root, where it has one. Plain http only to a loopback test server.
     */
    private String baseUrl;

    /**
     * A connector description (JSON) for a vendor described as data: a Spring resource location
     * (classpath:vendors/todoist.json, file:/etc/actionlayer/todoist.json). Needs
     * dev.actionlayer:connector-descriptions on the class path.
     */
    private String description;

    /** The secret this connection authenticates with. */
    private final Credentials credentials = new Credentials();

    /** The vendor's own options by name (e.g. dedupeLabels for jira); others are refused. */
    private Map<String, String> options = new LinkedHashMap<>();

    public String getVendor() {
      return vendor;
    }

    public void setVendor(String vendor) {
      this.vendor = vendor;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    public Credentials getCredentials() {
      return credentials;
    }

    public Map<String, String> getOptions() {
      return options;
    }

    public void setOptions(Map<String, String> options) {
      this.options = options;
    }
  }

  /**
   * A connection's secret, mirroring the factories of {@code dev.actionlayer.Credentials}: a
   * {@code token} (bearer), a {@code user} and {@code secret} (HTTP Basic), or a
   * {@code token-endpoint} with {@code client-id}, {@code refresh-token} and an optional
   * {@code client-secret} (OAuth 2.0 refresh). Give exactly one of the three; take the values from
   * the environment, e.g. {@code token: ${JIRA_TOKEN}}.
   */
  public static class Credentials {
    /** A bearer token (an OAuth access token, a Stripe secret key). */
    private String token;

    /** The HTTP Basic user (not secret: Jira's account email); with secret. */
    private String user;

    /** The HTTP Basic secret (Jira's API token); with user. */
    private String secret;

    /** OAuth 2.0: the token endpoint the refresh token is exchanged at. */
    private String tokenEndpoint;

    /** OAuth 2.0: the client id. */
    private String clientId;

    /** OAuth 2.0: the client secret; leave it out for a public client. */
    private String clientSecret;

    /** OAuth 2.0: the refresh token. */
    private String refreshToken;

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }

    public String getUser() {
      return user;
    }

    public void setUser(String user) {
      this.user = user;
    }

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public String getTokenEndpoint() {
      return tokenEndpoint;
    }

    public void setTokenEndpoint(String tokenEndpoint) {
      this.tokenEndpoint = tokenEndpoint;
    }

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
      return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
      this.refreshToken = refreshToken;
    }
  }

  /** The saga journal. */
  public static class Journal {
    /**
     * memory (books lost with the process), file (embedded, one process; needs path) or jdbc (the
     * application's DataSource, shared by workers; needs dev.actionlayer:saga-journal-postgres).
     */
    private String type = "memory";

    /** The journal file, for type file. */
    private String path;

    /**
     * Whether start-up finishes (compensates) the sagas a previous process left unfinished, before
     * the layer is handed to the application.
     */
    private boolean recoverOnStartup = true;

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public boolean isRecoverOnStartup() {
      return recoverOnStartup;
    }

    public void setRecoverOnStartup(boolean recoverOnStartup) {
      this.recoverOnStartup = recoverOnStartup;
    }
  }

  /** The audit sink (used unless the application has an AuditSink bean of its own). */
  public static class Audit {
    /**
     * none, slf4j (logger dev.actionlayer.audit), json-lines (one JSON line per call, written on the
     * caller's thread; needs path) or async-json-lines (the same, on a writer thread; needs path).
     */
    private String type = "none";

    /** The JSON-lines file, for json-lines and async-json-lines. */
    private String path;

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }
}
