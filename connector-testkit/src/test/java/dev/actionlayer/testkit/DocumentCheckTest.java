package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The document check can fail: requests the vendors' own documents (as the build fetched them)
 * reject are violations, the named exceptions are counted as what they are, and nothing is
 * silently accepted.
 */
class DocumentCheckTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final VendorDocument STRIPE = VendorDocument.named("stripe").unresolved("deep graph");

  private static RecordedCall call(String method, String target, String contentType, String body) {
    return new RecordedCall(method, target, contentType == null ? Map.of("Authorization", "Bearer sk_test")
        : Map.of("Authorization", "Bearer sk_test", "Content-Type", contentType), body);
  }

  private static DocumentCheck.Verdict stripe(String method, String target, String body) {
    return DocumentCheck.of(STRIPE).check(call(method, target, body.isEmpty() ? null : FORM, body), "");
  }

  @Test
  void stripesDeepObjectFormBodyIsValidatedAsTheObjectItEncodes() {
    assertThat(stripe("POST", "/v1/customers", "name=Ada+Lovelace&email=ada%40example.com&metadata[actionlayer_key]=k1")
        .violations()).isEmpty();
    assertThat(stripe("POST", "/v1/customers", "nmae=Ada").violations()).singleElement().asString()
        .contains("additionalProperties").contains("nmae");
    assertThat(stripe("POST", "/v1/customers", "name=Ada&metadata[key][nested]=x").violations()).isNotEmpty();
    assertThat(stripe("POST", "/v1/customers", "balance=lots").violations()).isNotEmpty();
    assertThat(stripe("POST", "/v1/customers", "balance=5&metadata[a]=b").violations()).isEmpty();
  }

  @Test
  void anUndeclaredQueryParameterAnUnknownPathAndAWrongMethodAreViolations() {
    assertThat(stripe("GET", "/v1/customers?limit=2&email=ada%40example.com", "").violations()).isEmpty();
    assertThat(stripe("GET", "/v1/customers?limt=2", "").violations()).singleElement().asString()
        .contains("query.unexpected");
    assertThat(stripe("GET", "/v1/customerz", "").violations()).singleElement().asString().contains("path.missing");
    assertThat(stripe("PUT", "/v1/customers/cus_1", "").violations()).singleElement().asString()
        .contains("operation.notAllowed");
  }

  @Test
  void drivesOctetStreamOnlyBodyIsCorrectedByANamedPatchNotByTurningValidationOff() {
    String folder = "{\"name\":\"Ada\",\"mimeType\":\"application/vnd.google-apps.folder\"}";
    RecordedCall create = call("POST", "/drive/v3/files?fields=id,name", "application/json; charset=utf-8", folder);
    assertThat(DocumentCheck.of(VendorDocument.named("gdrive")).check(create, "").violations())
        .singleElement().asString().contains("contentType.notAllowed");

    VendorDocument patched = VendorDocument.named("gdrive").patch("files.create takes a JSON File", doc ->
        ((ObjectNode) doc.path("paths").path("/files").path("post").path("requestBody").path("content"))
            .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/File"));
    assertThat(DocumentCheck.of(patched).check(create, "").violations()).isEmpty();
    RecordedCall typo = call("POST", "/drive/v3/files", "application/json", "{\"nmae\":\"Ada\"}");
    assertThat(DocumentCheck.of(patched).check(typo, "").violations()).singleElement().asString().contains("nmae");
  }

  @Test
  void ignoredAndUndocumentedRequestsAreCountedAsSuchNeverAsValid() {
    VendorDocument doc = STRIPE.ignore("GET", "/v1/customers", "validation.request.parameter.query.unexpected", "why")
        .undocumented("PATCH", "/v1/customers/[^/]+", "not in the document");
    DocumentCheck check = DocumentCheck.of(doc);

    DocumentCheck.Verdict ignored = check.check(call("GET", "/v1/customers?limt=2", null, ""), "");
    assertThat(ignored.violations()).isEmpty();
    assertThat(ignored.excepted()).singleElement().asString().contains("excepted: why");
    DocumentCheck.Verdict skipped = check.check(call("PATCH", "/v1/customers/cus_1", null, ""), "");
    assertThat(skipped.validated()).isFalse();
    assertThat(skipped.skippedBecause()).isEqualTo("not in the document");
  }

  @Test
  void theBasePathAndTheServerPrefixAreTakenOffBeforeMatching() {
    DocumentCheck asana = DocumentCheck.of(VendorDocument.named("asana"));
    assertThat(asana.documentPath(call("GET", "/api/1.0/tasks/12?opt_fields=name", null, ""), "/api/1.0"))
        .isEqualTo("/tasks/12");
    DocumentCheck salesforce = DocumentCheck.of(VendorDocument.named("salesforce")
        .serverPrefix("/services/data/v[0-9]+\\.[0-9]+"));
    assertThat(salesforce.documentPath(call("GET", "/services/data/v59.0/sobjects/Contact/003", null, ""), ""))
        .isEqualTo("/sobjects/Contact/003");
  }
}
