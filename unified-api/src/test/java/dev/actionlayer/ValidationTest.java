package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.spi.VendorRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest extends PipelineTestSupport {

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "T-1\r\nX-Injected: 1", "T\u0000"})
  void hostileIdsAreInvalidRequestsAndNothingIsSent(String id) {
    layer();

    ActionException e = thrown(() -> tasks().get(id));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.error().fieldErrors()).containsKey("id");
    assertThat(server.getRequestCount()).isZero();
    assertThat(onlyEvent().outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
  }

  @Test
  void idsWithSlashesAndQuestionMarksStayInsideOneEncodedSegment() throws Exception {
    layer();
    server.enqueue(task("x"));

    tasks().get("../../admin?x=1#y");

    assertThat(server.takeRequest().getTarget()).isEqualTo("/tasks/..%2F..%2Fadmin%3Fx=1%23y");
  }

  @Test
  void aNullIdOrInputIsAnInvalidRequest() {
    layer();
    assertThat(thrown(() -> tasks().delete(null)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(thrown(() -> tasks().create(null)).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void canonicalRecordsRejectBadInputWithFieldErrors() {
    ActionException blank = thrown(() -> new NewTask("P", "  ", null));
    assertThat(blank.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(blank.error().fieldErrors()).containsEntry("title", "is required");

    ActionException multiLine = thrown(() -> new NewTask("P", "a\nb", null));
    assertThat(multiLine.error().fieldErrors()).containsKey("title");

    ActionException tooLong = thrown(() -> new NewTask("P", "x".repeat(256), null));
    assertThat(tooLong.error().fieldErrors()).containsEntry("title", "is longer than 255 characters");

    assertThat(thrown(() -> new NewContact("Ada", "Lovelace", "not-an-email")).error().fieldErrors())
        .containsKey("email");
    assertThat(thrown(() -> new NewFolder(null, null)).error().fieldErrors()).containsKey("name");
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedBeforeAnyIo() {
    ActionException e = thrown(() -> VendorRequest.post().header("X-Key", "abc\r\nEvil: 1"));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void unknownConnectionsAndUnsupportedResourcesFailClearly() {
    layer();
    ActionException unknown = thrown(() -> layer.tasks("nope"));
    assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(unknown.error().message()).contains("[svc]");

    assertThat(thrown(() -> layer.contacts("svc")).code()).isEqualTo(ErrorCode.UNSUPPORTED);
  }

  @Test
  void plainHttpIsAllowedOnlyForLoopback() {
    assertThat(dev.actionlayer.spi.BaseUris.require(URI.create("http://127.0.0.1:8080"))).isNotNull();
    assertThat(dev.actionlayer.spi.BaseUris.require(URI.create("http://localhost:8080"))).isNotNull();
    assertThat(dev.actionlayer.spi.BaseUris.require(URI.create("https://acme.atlassian.net"))).isNotNull();
    assertThatThrownBy(() -> dev.actionlayer.spi.BaseUris.require(URI.create("http://acme.atlassian.net")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> dev.actionlayer.spi.BaseUris.require(URI.create("http://10.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dev.actionlayer.spi.BaseUris.require(URI.create("ftp://127.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRefusedBaseUriIsNeverQuotedBack() {
    for (String bad : List.of("https://acme.example/?token=SECRET-tok-123", "https://acme.example/#SECRET-tok-123",
        "http://SECRET-tok-123.example/", "ftp://127.0.0.1/SECRET-tok-123", "https:/SECRET-tok-123")) {
      assertThatThrownBy(() -> dev.actionlayer.spi.BaseUris.require(URI.create(bad)))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("baseUri").hasMessageNotContaining("SECRET");
    }
  }

  @Test
  void policySettersValidateEagerlyNamingTheParameter() {
    assertThatThrownBy(() -> ConnectionPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> ConnectionPolicy.builder().deadline(java.time.Duration.ZERO))
        .hasMessageContaining("deadline");
    assertThatThrownBy(() -> ConnectionPolicy.builder().retryBudget(1.5, 1)).hasMessageContaining("ratio");
    assertThatThrownBy(() -> ActionLayer.builder().build()).isInstanceOf(IllegalStateException.class);
  }
}
