package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documents the build fetches for the vendors being added load, and check a typical request of
 * the resource each connector uses (and catch a typo in it), so that wiring one is the one-line
 * {@code document()} hook in {@code vendor-documents/README.md}.
 */
class NewVendorDocumentsTest {
  private static final Map<String, String> JSON = Map.of("Authorization", "Bearer t", "Content-Type", "application/json");

  private static void accepts(VendorDocument doc, String method, String target, String body) {
    RecordedCall call = new RecordedCall(method, target, JSON, body);
    assertThat(DocumentCheck.of(doc).check(call, "").violations()).as("%s %s", method, target).isEmpty();
  }

  private static void rejects(VendorDocument doc, String method, String target, String body) {
    RecordedCall call = new RecordedCall(method, target, JSON, body);
    assertThat(DocumentCheck.of(doc).check(call, "").violations()).as("%s %s", method, target).isNotEmpty();
  }

  @Test
  void github() {
    VendorDocument doc = VendorDocument.named("github");
    accepts(doc, "POST", "/repos/acme/app/issues", "{\"title\":\"Fix login\",\"body\":\"500s\",\"labels\":[\"bug\"]}");
    accepts(doc, "PATCH", "/repos/acme/app/issues/12", "{\"state\":\"closed\"}");
    accepts(doc, "GET", "/repos/acme/app/issues?state=open&per_page=2&page=2", "");
    rejects(doc, "PATCH", "/repos/acme/app/issues/12", "{\"state\":\"done\"}");
  }

  @Test
  void box() {
    VendorDocument doc = VendorDocument.named("box");
    accepts(doc, "POST", "/2.0/folders?fields=id,name", "{\"name\":\"Ada\",\"parent\":{\"id\":\"0\"}}");
    accepts(doc, "GET", "/2.0/folders/0/items?limit=2&offset=0", "");
    rejects(doc, "POST", "/2.0/folders", "{\"nmae\":\"Ada\",\"parent\":{\"id\":\"0\"}}");
  }

  @Test
  void microsoftGraph() {
    VendorDocument doc = VendorDocument.named("msgraph")
        .unresolved("Graph's schema graph overflows the stack when resolved and inlined")
        .allowUndeclaredProperties("Graph takes instance annotations (@microsoft.graph.conflictBehavior) no schema declares")
        .optional("@odata.type", "Microsoft's generated schemas require @odata.type; requests omit it");
    accepts(doc, "POST", "/v1.0/drives/b!x/items/root/children",
        "{\"name\":\"Ada\",\"folder\":{},\"@microsoft.graph.conflictBehavior\":\"fail\"}");
    accepts(doc, "GET", "/v1.0/drives/b!x/items/01ABC/children?$top=2", "");
    rejects(doc, "GET", "/v1.0/drives/b!x/items/01ABC/children?top=2", "");
    rejects(doc, "POST", "/v1.0/drives/b!x/items/root/children", "{\"name\":5,\"folder\":{}}");
  }
}
