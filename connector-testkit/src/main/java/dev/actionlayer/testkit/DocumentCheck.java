package dev.actionlayer.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.actionlayer.testkit.fake.RecordedCall;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A {@link VendorDocument} loaded once per JVM and the checks made with it: a recorded request
 * validated by Atlassian's validator, the document's operation for a request, a response validated
 * against the document. Thread-safe.
 */
final class DocumentCheck {
  /** Parsed documents and their validators, by resource and what changes the parse: they are slow to build. */
  private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The validator's defaults leave an undeclared query parameter unreported; a request naming one
   * is wrong (a typo, or a parameter the vendor ignores), so it counts.
   */
  private static final LevelResolver LEVELS = LevelResolver.create()
      .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
      .build();
  private static final LevelResolver OPEN_LEVELS = LevelResolver.create()
      .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
      .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
      .build();

  final VendorDocument document;
  final OpenAPI api;
  final OpenApiInteractionValidator validator;
  private final ApiOperationResolver resolver;
  private final Pattern serverPrefix;

  /** One check of one request: what was checked, and what the validator said. */
  record Verdict(RecordedCall call, String method, String path, String operation, List<String> violations,
      List<String> excepted, String skippedBecause) {
    boolean validated() {
      return skippedBecause == null;
    }
  }

  private record Loaded(OpenAPI api, OpenApiInteractionValidator validator, ApiOperationResolver resolver) {
    static Loaded of(VendorDocument document) {
      OpenAPI api = parse(document);
      return new Loaded(api, OpenApiInteractionValidator.createFor(api).withBasePathOverride("/")
          .withLevelResolver(document.openBecause() == null ? LEVELS : OPEN_LEVELS).build(),
          new ApiOperationResolver(api, "/", false));
    }
  }

  private DocumentCheck(VendorDocument document, Loaded loaded) {
    this.document = document;
    this.api = loaded.api();
    this.validator = loaded.validator();
    this.resolver = loaded.resolver();
    this.serverPrefix = document.serverPrefix != null ? document.serverPrefix : defaultPrefix(api);
  }

  /** The check of {@code document}; the document is parsed once per JVM (per patches and resolution). */
  static DocumentCheck of(VendorDocument document) {
    String key = document.resource + "|" + document.unresolvedBecause + "|" + document.openBecause() + "|"
        + document.patches.stream().map(VendorDocument.Patch::reason).toList();
    return new DocumentCheck(document, LOADED.computeIfAbsent(key, k -> Loaded.of(document)));
  }

  private static OpenAPI parse(VendorDocument document) {
    JsonNode tree;
    try (InputStream in = DocumentCheck.class.getClassLoader().getResourceAsStream(document.resource)) {
      if (in == null) {
        throw new IllegalStateException(document.resource + " is not on the test classpath: the build fetches the "
            + "vendors' documents into the vendor-documents module (documents.json); build it without -DskipTests");
      }
      tree = document.resource.endsWith(".json") ? JSON.readTree(in) : new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + document.resource, e);
    }
    for (VendorDocument.Patch patch : document.patches) patch.edit().accept((ObjectNode) tree);
    FormBodies.offerDecoded(tree);
    if (document.unresolvedBecause != null) inlineParameterRefs(tree);
    ParseOptions options = new ParseOptions();
    boolean resolve = document.unresolvedBecause == null;
    options.setResolve(resolve);
    options.setResolveFully(resolve);
    options.setResolveCombinators(resolve);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(tree.toString(), null, options);
    if (result.getOpenAPI() == null) {
      throw new IllegalStateException(document.resource + " is not an OpenAPI document: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  /**
   * Left unresolved, a parameter given by {@code $ref} ({@code #/components/parameters/top}) is not
   * seen by the validator, which then calls it unexpected: inline those (parameters do not nest), so
   * that only schema references stay references.
   */
  private static void inlineParameterRefs(JsonNode tree) {
    JsonNode defined = tree.path("components").path("parameters");
    JsonNode responses = tree.path("components").path("responses");
    for (JsonNode item : tree.path("paths")) {
      inline(item.path("parameters"), defined);
      for (JsonNode op : item) {
        inline(op.path("parameters"), defined);
        inlineResponses(op.path("responses"), responses);
      }
    }
  }

  /**
   * Likewise a response given by {@code $ref} ({@code #/components/responses/…CollectionResponse},
   * Graph's lists): left unresolved, the validator finds no body declared and rejects every answer.
   */
  private static void inlineResponses(JsonNode responses, JsonNode defined) {
    if (!(responses instanceof ObjectNode byStatus)) return;
    List<String> statuses = new ArrayList<>();
    byStatus.fieldNames().forEachRemaining(statuses::add);
    for (String status : statuses) {
      String ref = byStatus.path(status).path("$ref").asText("");
      if (ref.startsWith("#/components/responses/")) {
        JsonNode target = defined.get(ref.substring("#/components/responses/".length()));
        if (target != null) byStatus.set(status, target.deepCopy());
      }
    }
  }

  private static void inline(JsonNode parameters, JsonNode defined) {
    if (!(parameters instanceof com.fasterxml.jackson.databind.node.ArrayNode list)) return;
    for (int i = 0; i < list.size(); i++) {
      String ref = list.get(i).path("$ref").asText("");
      if (ref.startsWith("#/components/parameters/")) {
        JsonNode target = defined.get(ref.substring("#/components/parameters/".length()));
        if (target != null) list.set(i, target.deepCopy());
      }
    }
  }

  private static Pattern defaultPrefix(OpenAPI api) {
    if (api.getServers() == null || api.getServers().isEmpty()) return null;
    String path = URI.create(api.getServers().get(0).getUrl().replace("{", "").replace("}", "")).getPath();
    if (path == null || path.isEmpty() || path.equals("/")) return null;
    return Pattern.compile(Pattern.quote(path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
  }

  /** The path of {@code call} as the document names it: without the base path and server prefix. */
  String documentPath(RecordedCall call, String basePath) {
    String path = call.pathWithoutQuery();
    String base = basePath == null || basePath.equals("/") ? "" : stripSlash(basePath);
    if (!base.isEmpty() && path.startsWith(base)) path = path.substring(base.length());
    if (serverPrefix != null) {
      Matcher m = serverPrefix.matcher(path);
      if (m.lookingAt()) path = path.substring(m.end());
    }
    return path.isEmpty() ? "/" : path;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The document's operation for {@code method path}, or null when the document has none. */
  ApiOperation operation(String method, String path) {
    ApiOperationMatch match = resolver.findApiOperation(path, Request.Method.valueOf(method));
    return match.isPathFound() && match.isOperationAllowed() ? match.getApiOperation() : null;
  }

  /** Validates one recorded request against the document. */
  Verdict check(RecordedCall call, String basePath) {
    String method = call.method().toUpperCase(Locale.ROOT);
    String path = documentPath(call, basePath);
    for (VendorDocument.Undocumented u : document.undocumented) {
      if (u.method().equals(method) && u.path().matcher(path).matches()) {
        return new Verdict(call, method, path, null, List.of(), List.of(), u.reason());
      }
    }
    ApiOperation op = operation(method, path);
    String operation = op == null ? null : method + " " + op.getApiPath().original();
    ValidationReport report = validator.validateRequest(toRequest(call, method, path, op));
    List<String> violations = new ArrayList<>();
    List<String> excepted = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) continue;
      String text = m.getKey() + ": " + oneLine(m.getMessage());
      VendorDocument.Ignored why = ignoredFor(operation, m.getKey());
      if (why == null) violations.add(text);
      else excepted.add(text + " (excepted: " + why.reason() + ")");
    }
    return new Verdict(call, method, path, operation, violations, excepted, null);
  }

  private VendorDocument.Ignored ignoredFor(String operation, String key) {
    for (VendorDocument.Ignored i : document.ignored) {
      if ((i.method() + " " + i.path()).equals(operation) && (i.key().equals(key) || key.startsWith(i.key() + "."))) {
        return i;
      }
    }
    return null;
  }

  /** The validator's messages for a response to {@code method path}, errors only; empty when valid. */
  List<String> checkResponse(String method, String path, int status, String mediaType, String body) {
    SimpleResponse response = SimpleResponse.Builder.status(status).withContentType(mediaType).withBody(body).build();
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message m : validator.validateResponse(path, Request.Method.valueOf(method), response)
        .getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) out.add(m.getKey() + ": " + oneLine(m.getMessage()));
    }
    return out;
  }

  private Request toRequest(RecordedCall call, String method, String path, ApiOperation op) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(method, path);
    HttpUrl url = HttpUrl.parse("http://fake.invalid" + (call.path().startsWith("/") ? call.path() : "/" + call.path()));
    if (url != null) {
      for (String name : url.queryParameterNames()) {
        List<String> values = new ArrayList<>();
        for (String v : url.queryParameterValues(name)) values.add(v == null ? "" : v);
        b.withQueryParam(name, values);
      }
    }
    String contentType = call.header("Content-Type");
    String body = call.body();
    if (op != null && FormBodies.isDeep(contentType, body)) {
      io.swagger.v3.oas.models.media.Schema<?> schema = formSchema(op);
      contentType = FormBodies.MEDIA_TYPE;
      body = FormBodies.decode(body, api, schema).toString();
    }
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Content-Type")) b.withHeader(h.getKey(), h.getValue());
    }
    if (contentType != null) b.withContentType(contentType);
    if (!body.isEmpty()) b.withBody(body);
    return b.build();
  }

  private static io.swagger.v3.oas.models.media.Schema<?> formSchema(ApiOperation op) {
    var requestBody = op.getOperation().getRequestBody();
    if (requestBody == null || requestBody.getContent() == null) return null;
    var media = requestBody.getContent().get(FormBodies.FORM);
    return media == null ? null : media.getSchema();
  }

  static String oneLine(String s) {
    String line = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return line.length() > 400 ? line.substring(0, 399) + "…" : line;
  }
}
