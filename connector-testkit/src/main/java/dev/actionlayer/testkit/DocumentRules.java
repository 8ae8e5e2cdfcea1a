package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.model.ApiOperation;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The vendor's own document read back through the connector. Every rule's requests are validated
 * against the document as the rule ends ({@link ConnectorVerification#document()}); this rule adds
 * the other direction: for each canonical read the connector can do (create, get, update, list),
 * the document's example responses and one response generated from its schema (when the document's
 * validator accepts it) are served for the request whose answer the connector reads, and the
 * connector must read each without error.
 */
interface DocumentRules extends Rules {

  @Test
  default void optional_document_theDocumentsResponsesAreRead() {
    Kit<?> kit = kit();
    DocumentCheck check = kit.documentCheck();
    assumeTrue(check != null, kit.noDocumentReason());
    Subject subject = kit.subject();
    List<String> failures = new ArrayList<>();
    readEach(kit, check, "create", false, (layer, id) -> subject.create(layer, Kit.CONNECTION), failures);
    readEach(kit, check, "get", true, (layer, id) -> subject.get(layer, Kit.CONNECTION, id), failures);
    if (kit.canUpdate()) readEach(kit, check, "update", true, (layer, id) -> subject.update(layer, Kit.CONNECTION, id), failures);
    if (kit.canList()) readEach(kit, check, "list", false, (layer, id) -> subject.list(layer, Kit.CONNECTION, 2, null), failures);

    assertThat(failures).as("the document's responses the connector could not read").isEmpty();
  }

  /**
   * Runs {@code verb} once to learn the request whose answer the connector reads (its last), then
   * once per response the document has for that request's operation, served by the fake.
   */
  private static void readEach(Kit<?> kit, DocumentCheck check, String verb, boolean needsRecord,
      BiConsumer<ActionLayer, String> call, List<String> failures) {
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1).duplicateWindow(Duration.ZERO));
    String id = needsRecord ? kit.create(layer) : null;
    int before = kit.fake().requestCount();
    call.accept(layer, id);
    List<RecordedCall> sent = kit.fake().requests().subList(before, kit.fake().requestCount());
    if (sent.isEmpty()) return;
    RecordedCall read = sent.get(sent.size() - 1);
    String method = read.method();
    String path = check.documentPath(read, kit.basePath());
    ApiOperation op = check.operation(method, path);
    String at = verb + " " + method + " " + path;
    if (op == null) {
      kit.reportResponse("SKIPPED", at + ": the document has no such operation");
      return;
    }
    List<ResponseSamples.Sample> samples = ResponseSamples.of(check.api, op.getOperation(), check.document.sampleValues);
    if (samples.isEmpty()) kit.reportResponse("SKIPPED", at + ": the document shows no JSON success response");
    for (ResponseSamples.Sample sample : samples) {
      String what = at + " with " + sample.origin();
      if (sample.generated()) {
        List<String> invalid = check.checkResponse(method, path, sample.status(), sample.mediaType(), sample.body());
        if (!invalid.isEmpty()) {
          kit.reportResponse("SKIPPED", what + ": the generated instance is not valid by the document: " + invalid.get(0));
          continue;
        }
      }
      String recordId = needsRecord ? kit.create(layer) : null;
      String template = op.getApiPath().original();
      kit.fake().on(Requests.where(c -> c.method().equals(method) && sameOperation(check, kit, c, template))).nth(1)
          .respond(Fault.status(sample.status()).body(sample.body(), sample.mediaType()));
      try {
        call.accept(layer, recordId);
        kit.reportResponse("READ", what);
      } catch (ActionException e) {
        String failure = what + ": " + e.code() + " " + DocumentCheck.oneLine(e.getMessage());
        kit.reportResponse("FAILED", failure);
        failures.add(failure);
      } finally {
        kit.fake().clearFaults();
      }
    }
  }

  private static boolean sameOperation(DocumentCheck check, Kit<?> kit, RecordedCall c, String template) {
    ApiOperation op = check.operation(c.method(), check.documentPath(c, kit.basePath()));
    return op != null && op.getApiPath().original().equals(template);
  }
}
