package dev.actionlayer.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The vendor's own published OpenAPI document, which the conformance kit checks a connector's
 * requests against (see {@link ConnectorVerification#document()}): every request the fake received
 * during a rule — method, path, query parameters, the headers the document declares, the body — is
 * validated by Atlassian's {@code swagger-request-validator}, and the document's example and
 * schema-generated responses are read through the connector.
 *
 * <pre>{@code
 * protected VendorDocument document() {
 *   return VendorDocument.named("stripe")
 *       .unresolved("the customer schema graph is deep and cyclic: fully resolved it does not fit in memory");
 * }
 * }</pre>
 *
 * <p>Where the document itself is wrong, say so narrowly and by name: {@link #patch} corrects it
 * (Drive's converted document gives {@code files.create} only an octet-stream body), {@link #ignore}
 * accepts one message key on one operation, {@link #undocumented} skips requests the document does
 * not describe. Each appears with its reason in {@code target/document-check/<TestClass>.txt}.
 * Immutable; each method returns a copy.
 */
public final class VendorDocument {
  /** Where the build ({@code vendor-documents}) puts the documents on the classpath. */
  static final String FOLDER = "vendor-documents/";

  final String resource;
  final Pattern serverPrefix;
  final String unresolvedBecause;
  final List<Patch> patches;
  final List<Ignored> ignored;
  final List<Undocumented> undocumented;
  final List<SampleValue> sampleValues;
  /** Set only on a fresh copy, before it is returned: the instance stays effectively immutable. */
  private String openBecause;

  record SampleValue(String property, Object value, String reason) {}

  record Patch(String reason, Consumer<ObjectNode> edit) {}

  record Ignored(String method, String path, String key, String reason) {}

  record Undocumented(String method, Pattern path, String reason) {}

  private VendorDocument(String resource, Pattern serverPrefix, String unresolvedBecause, List<Patch> patches,
      List<Ignored> ignored, List<Undocumented> undocumented) {
    this(resource, serverPrefix, unresolvedBecause, patches, ignored, undocumented, List.of());
  }

  private VendorDocument(String resource, Pattern serverPrefix, String unresolvedBecause, List<Patch> patches,
      List<Ignored> ignored, List<Undocumented> undocumented, List<SampleValue> sampleValues) {
    this.sampleValues = List.copyOf(sampleValues);
    this.resource = resource;
    this.serverPrefix = serverPrefix;
    this.unresolvedBecause = unresolvedBecause;
    this.patches = List.copyOf(patches);
    this.ignored = List.copyOf(ignored);
    this.undocumented = List.copyOf(undocumented);
  }

  /**
   * The document the build fetched as {@code name} ({@code vendor-documents/documents.json}:
   * {@code jira}, {@code stripe}, {@code github}, …), from the classpath.
   */
  public static VendorDocument named(String name) {
    Objects.requireNonNull(name, "name == null");
    if (!name.matches("[a-z0-9-]{1,40}")) throw new IllegalArgumentException("name must be [a-z0-9-]{1,40}: " + name);
    return resource(FOLDER + name + ".json");
  }

  /** A document (JSON or YAML) at {@code resource} on the test classpath, for a connector's own. */
  public static VendorDocument resource(String resource) {
    Objects.requireNonNull(resource, "resource == null");
    return new VendorDocument(resource, null, null, List.of(), List.of(), List.of());
  }

  /**
   * The prefix of a request's path, after the connector's base URI's path, that the document's
   * paths are relative to, as a regular expression ({@code /services/data/v[0-9]+\.[0-9]+} for
   * Salesforce). By default the path of the document's first server URL ({@code /drive/v3}), when
   * the request has it.
   */
  public VendorDocument serverPrefix(String regex) {
    Objects.requireNonNull(regex, "regex == null");
    return keepOpen(new VendorDocument(resource, Pattern.compile(regex), unresolvedBecause, patches, ignored, undocumented, sampleValues));
  }

  /**
   * Validates with the document's {@code $ref}s left as references instead of resolved and inlined
   * (the validator's default): for schema graphs too deep to inline. Then {@code allOf}
   * compositions are not merged, so use it only where the document needs it.
   */
  public VendorDocument unresolved(String reason) {
    requireReason(reason);
    return keepOpen(new VendorDocument(resource, serverPrefix, reason, patches, ignored, undocumented, sampleValues));
  }

  /** Corrects a known error of the document (its JSON tree) before it is parsed. */
  public VendorDocument patch(String reason, Consumer<ObjectNode> edit) {
    requireReason(reason);
    Objects.requireNonNull(edit, "edit == null");
    List<Patch> more = new ArrayList<>(patches);
    more.add(new Patch(reason, edit));
    return keepOpen(new VendorDocument(resource, serverPrefix, unresolvedBecause, more, ignored, undocumented, sampleValues));
  }

  /**
   * Accepts the validator's message {@code key} (e.g. {@code validation.request.body.schema.required})
   * on the operation {@code method path} of the document ({@code "POST", "/files"}), because the
   * document is wrong there. Counted as excepted, with the reason, never as validated.
   */
  public VendorDocument ignore(String method, String path, String key, String reason) {
    requireReason(reason);
    List<Ignored> more = new ArrayList<>(ignored);
    more.add(new Ignored(method.toUpperCase(java.util.Locale.ROOT), Objects.requireNonNull(path, "path == null"),
        Objects.requireNonNull(key, "key == null"), reason));
    return keepOpen(new VendorDocument(resource, serverPrefix, unresolvedBecause, patches, more, undocumented, sampleValues));
  }

  /**
   * Requests {@code method} on a path (after the server prefix) matching {@code pathRegex} are not
   * in the document: they are skipped with the reason, and counted.
   */
  public VendorDocument undocumented(String method, String pathRegex, String reason) {
    requireReason(reason);
    List<Undocumented> more = new ArrayList<>(undocumented);
    more.add(new Undocumented(method.toUpperCase(java.util.Locale.ROOT), Pattern.compile(pathRegex), reason));
    return keepOpen(new VendorDocument(resource, serverPrefix, unresolvedBecause, patches, ignored, more, sampleValues));
  }

  /**
   * Makes {@code property} optional in every schema of the document that requires it (and drops the
   * discriminators naming it): for a property the document's generator requires that requests
   * omit (Microsoft Graph's {@code @odata.type}).
   */
  public VendorDocument optional(String property, String reason) {
    Objects.requireNonNull(property, "property == null");
    return patch(reason, doc -> {
      for (com.fasterxml.jackson.databind.JsonNode schema : doc.path("components").path("schemas")) {
        optional(schema, property, 0);
      }
    });
  }

  private static void optional(com.fasterxml.jackson.databind.JsonNode node, String property, int depth) {
    if (!(node instanceof ObjectNode s) || depth > 6) return;
    if (s.path("discriminator").path("propertyName").asText("").equals(property)) s.remove("discriminator");
    if (s.get("required") instanceof com.fasterxml.jackson.databind.node.ArrayNode required) {
      for (int i = required.size() - 1; i >= 0; i--) if (required.get(i).asText().equals(property)) required.remove(i);
    }
    for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
      for (com.fasterxml.jackson.databind.JsonNode part : s.path(combinator)) optional(part, property, depth + 1);
    }
  }

  /**
   * Gives {@code property} the value {@code value} (a string, number or boolean) in every response
   * instance generated from the document's schemas, where the schema has that property: for a
   * value the connector depends on that a schema cannot say (Drive's folder {@code mimeType}).
   * Examples written in the document are served as they are.
   */
  public VendorDocument sample(String property, Object value, String reason) {
    requireReason(reason);
    Objects.requireNonNull(property, "property == null");
    Objects.requireNonNull(value, "value == null");
    List<SampleValue> more = new ArrayList<>(sampleValues);
    more.add(new SampleValue(property, value, reason));
    return keepOpen(new VendorDocument(resource, serverPrefix, unresolvedBecause, patches, ignored, undocumented, more));
  }

  /** Why undeclared properties are accepted, or null when objects are closed (the default). */
  String openBecause() {
    return openBecause;
  }

  private VendorDocument keepOpen(VendorDocument copy) {
    copy.openBecause = openBecause;
    return copy;
  }

  /**
   * Accepts properties the document's schemas do not declare, in request bodies, everywhere in the
   * document: for a vendor whose API takes what its schemas cannot name (Microsoft Graph's instance
   * annotations such as {@code @microsoft.graph.conflictBehavior}). Types, formats, enums and
   * required properties are still checked. The validator otherwise treats every object as closed.
   */
  public VendorDocument allowUndeclaredProperties(String reason) {
    requireReason(reason);
    VendorDocument copy = new VendorDocument(resource, serverPrefix, unresolvedBecause, patches, ignored, undocumented,
        sampleValues);
    copy.openBecause = reason;
    return copy;
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is required");
  }

  @Override
  public String toString() {
    return "VendorDocument{" + resource + "}";
  }
}
