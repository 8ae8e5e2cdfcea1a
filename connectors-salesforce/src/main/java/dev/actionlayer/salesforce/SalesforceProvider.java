package dev.actionlayer.salesforce;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code vendor=salesforce} in configuration: {@link Salesforce}, with options {@code apiVersion},
 * {@code contactExternalIdField} and {@code taskExternalIdField}. Each org has its own instance
 * URI, so there is no default; HTTP Basic is refused.
 */
public final class SalesforceProvider implements ConnectorProvider {
  private static final String FIELD_FORM = "the API name of a custom field marked External ID, e.g. Actionlayer_Key__c";

  @Override
  public String vendor() {
    return "salesforce";
  }

  @Override
  public URI defaultBaseUri() {
    return null;
  }

  @Override
  public Set<String> options() {
    return Set.of("apiVersion", "contactExternalIdField", "taskExternalIdField");
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    if (baseUri == null) throw new IllegalArgumentException("baseUri: is required for salesforce (the org's instance URL)");
    if ("Basic".equalsIgnoreCase(credentials.scheme())) {
      throw new IllegalArgumentException("auth: must be bearer or oauth for salesforce, which refuses HTTP Basic");
    }
    Salesforce.Builder b = Salesforce.builder(baseUri, credentials);
    set(options, "apiVersion", "v<major>.<minor>, e.g. v63.0", b::apiVersion);
    set(options, "contactExternalIdField", FIELD_FORM, b::contactExternalIdField);
    set(options, "taskExternalIdField", FIELD_FORM, b::taskExternalIdField);
    return b.build();
  }

  private static void set(Map<String, String> options, String name, String form, Consumer<String> setter) {
    String value = options.get(name);
    if (value == null) return;
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": must be " + form);
    }
  }
}
