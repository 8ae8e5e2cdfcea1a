package dev.actionlayer.salesforce;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.BaseUris;
import dev.actionlayer.spi.Connector;
import java.net.URI;
import java.util.Objects;

/**
 * The Salesforce connector (REST API, sObjects): canonical {@code contacts} are Contact records and
 * canonical {@code tasks} are Task records.
 *
 * <pre>{@code
 * ActionLayer layer = ActionLayer.builder()
 *     .connection("sf", Salesforce.builder(URI.create("https://acme.my.salesforce.com"),
 *             Credentials.bearer(accessToken))
 *         .contactExternalIdField("Actionlayer_Key__c")
 *         .build())
 *     .build();
 * Contact c = layer.contacts("sf").create(new NewContact("Ada", "Lovelace", "ada@example.com"));
 * }</pre>
 *
 * <p>Authenticate with an OAuth access token ({@link Credentials#bearer}); Salesforce refuses HTTP
 * Basic. A task's {@link dev.actionlayer.NewTask#project()} is optional and, when given, is the id
 * of the record the task relates to ({@code WhatId}, an Account or Opportunity id, for example).
 * Record ids are Salesforce's 15- or 18-character ids.
 *
 * <p>{@code update} is a {@code PATCH} of only the fields given (a cleared field is sent as null);
 * Salesforce answers 204 and the record is read back. A contact's company is its Account: its name
 * reads back from {@code list} ({@code Account.Name}), its id travels in {@code extra.AccountId},
 * and changing the company by name is {@code UNSUPPORTED}. A task's status is its Status picklist
 * ({@code open} = Not Started, {@code in_progress} = In Progress, {@code done} = Completed; any
 * closed status reads as {@code done}); its assignee is OwnerId, its due date ActivityDate; tasks
 * have no labels. {@code list} is a SOQL query ({@code GET .../query?q=}) with every value quoted,
 * paged by record id (the cursor is the last id of a page).
 *
 * <p>Salesforce has no idempotency header. Without an external-id field a create is a plain
 * insert, and one whose response was lost is never repeated: it fails with {@code
 * OUTCOME_UNKNOWN}. With an external-id field configured (a custom field marked <em>External
 * ID</em>, ideally also <em>Unique</em>), a create is an upsert keyed by the call's idempotency
 * key, so a repeat updates the record the first attempt created instead of adding a second one.
 * Such a create can also be looked up by its key ({@code GET .../query} with {@code SELECT ...
 * WHERE <field> = '<key>' LIMIT 1}): a saga undoing a create whose outcome is unknown looks the
 * record up instead of repeating the upsert, so nothing is created only to be deleted.
 *
 * <p>Connectors are immutable and thread-safe.
 */
public final class Salesforce {
  /** The API version used when none is configured. */
  public static final String DEFAULT_API_VERSION = "v63.0";

  private Salesforce() {}

  /**
   * A connector with the defaults: API version {@value #DEFAULT_API_VERSION}, no external-id
   * fields (plain inserts).
   *
   * @param instanceUri the org's instance, e.g. {@code https://acme.my.salesforce.com}; plain http
   *     only to loopback
   * @param credentials an OAuth access token as {@link Credentials#bearer}
   * @throws IllegalArgumentException when {@code instanceUri} is not acceptable (see {@link
   *     BaseUris#require}) or the credentials are HTTP Basic
   * @throws NullPointerException when an argument is null
   */
  public static Connector connector(URI instanceUri, Credentials credentials) {
    return builder(instanceUri, credentials).build();
  }

  /**
   * A builder for a connector with non-default options; arguments are validated at once.
   *
   * @throws IllegalArgumentException when {@code instanceUri} is not acceptable (see {@link
   *     BaseUris#require}) or the credentials are HTTP Basic
   * @throws NullPointerException when an argument is null
   */
  public static Builder builder(URI instanceUri, Credentials credentials) {
    return new Builder(instanceUri, credentials);
  }

  /** Configures a Salesforce connector; each setter validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final URI instanceUri;
    private final Credentials credentials;
    private String apiVersion = DEFAULT_API_VERSION;
    private String contactExternalIdField;
    private String taskExternalIdField;

    private Builder(URI instanceUri, Credentials credentials) {
      this.instanceUri = BaseUris.require(instanceUri);
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      if ("Basic".equalsIgnoreCase(credentials.scheme())) {
        throw new IllegalArgumentException(
            "credentials must be an OAuth access token (Credentials.bearer); Salesforce refuses HTTP Basic");
      }
    }

    /**
     * The REST API version, e.g. {@code "v63.0"}. Default {@value #DEFAULT_API_VERSION}.
     *
     * @throws IllegalArgumentException when not of the form {@code v<major>.<minor>}
     */
    public Builder apiVersion(String apiVersion) {
      this.apiVersion = SalesforceIds.requireApiVersion(apiVersion);
      return this;
    }

    /**
     * The API name of a Contact field marked External ID (e.g. {@code "Actionlayer_Key__c"}): when
     * set, {@code contacts.create} upserts by it with the call's idempotency key, which makes a
     * repeated create safe. Null (the default) means plain inserts.
     *
     * @throws IllegalArgumentException when not a Salesforce field API name, or {@code Id}
     */
    public Builder contactExternalIdField(String field) {
      this.contactExternalIdField =
          field == null ? null : SalesforceIds.requireExternalIdField(field, "contactExternalIdField");
      return this;
    }

    /**
     * Like {@link #contactExternalIdField} for Task records. Null (the default) means plain
     * inserts.
     *
     * @throws IllegalArgumentException when not a Salesforce field API name, or {@code Id}
     */
    public Builder taskExternalIdField(String field) {
      this.taskExternalIdField =
          field == null ? null : SalesforceIds.requireExternalIdField(field, "taskExternalIdField");
      return this;
    }

    /** The configured connector. */
    public Connector build() {
      SObjectEndpoint contacts = new SObjectEndpoint(apiVersion, "Contact", SalesforceContacts.FIELDS,
          contactExternalIdField);
      SObjectEndpoint tasks = new SObjectEndpoint(apiVersion, "Task", SalesforceTasks.FIELDS,
          taskExternalIdField);
      return new SalesforceConnector(instanceUri, credentials,
          new SalesforceContacts(instanceUri, contacts), new SalesforceTasks(instanceUri, tasks));
    }
  }
}
