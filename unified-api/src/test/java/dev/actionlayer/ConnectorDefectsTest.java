package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A buggy connector still yields precise ActionExceptions, never a raw library exception. */
class ConnectorDefectsTest extends PipelineTestSupport {

  /** Maps every error to null, reads every record as null, and throws while building a delete. */
  static final class Buggy implements Connector {
    final TestConnector real;

    Buggy(URI uri) {
      real = new TestConnector(uri, Credentials.bearer(SECRET), CreateSafety.UNSAFE);
    }

    @Override
    public String vendor() {
      return "buggy";
    }

    @Override
    public URI baseUri() {
      return real.baseUri();
    }

    @Override
    public Credentials credentials() {
      return real.credentials();
    }

    @Override
    public ActionError mapError(VendorResponse response) {
      return null;
    }

    @Override
    public Resource<NewTask, Task> tasks() {
      Resource<NewTask, Task> r = real.tasks();
      return new Resource<>() {
        @Override
        public VendorRequest create(NewTask input, CallContext context) {
          return r.create(input, context);
        }

        @Override
        public Task readCreated(VendorResponse response, NewTask input, CallContext context) {
          return null;
        }

        @Override
        public VendorRequest get(String id) {
          return r.get(id);
        }

        @Override
        public Task read(VendorResponse response) {
          return null;
        }

        @Override
        public VendorRequest delete(String id) {
          throw new IllegalStateException("bug");
        }

        @Override
        public CreateSafety createSafety() {
          return CreateSafety.UNSAFE;
        }
      };
    }
  }

  ActionLayer buggyLayer() {
    layer = ActionLayer.builder().connection("svc", new Buggy(uri()), p -> p.noRateLimit().maxAttempts(1))
        .clock(time).sleeper(time).auditSink(events::add).build();
    return layer;
  }

  @Test
  void aNullErrorMappingFallsBackToTheStatusMeaning() {
    buggyLayer();
    server.enqueue(json(404, "{}"));

    ActionException e = thrown(() -> tasks().get("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.error().vendor()).isEqualTo("buggy");
  }

  @Test
  void aRecordReadAsNullIsAnUpstreamErrorNotANullResult() {
    buggyLayer();
    server.enqueue(task("T-1"));

    assertThat(thrown(() -> tasks().get("T-1")).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
  }

  @Test
  void aCreateReadAsNullIsOutcomeUnknownForAnUnkeyedCreate() {
    buggyLayer();
    server.enqueue(task("T-1"));

    assertThat(thrown(() -> tasks().create(new NewTask("P", "x", null))).code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aConnectorThatThrowsWhileBuildingIsInternalAndSendsNothing() {
    buggyLayer();

    ActionException e = thrown(() -> tasks().delete("T-1"));

    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(e.error().message()).contains("IllegalStateException");
    assertThat(server.getRequestCount()).isZero();
  }

  /**
   * OkHttp reports any three-digit status a server sends (a proxy's 000, a made-up 806); found by
   * fuzzing (docs/fuzzing.md): the status outside the range an ActionError can hold made the
   * mapping, and then its safety net, throw IllegalArgumentException out of the call.
   */
  @Test
  void aStatusOutsideHttpsRangeIsAnUpstreamErrorNamingIt() {
    for (String status : new String[] {"806", "042", "999", "000"}) {
      layer(p -> p.noRateLimit().maxAttempts(1));
      server.enqueue(new mockwebserver3.MockResponse.Builder().status("HTTP/1.1 " + status + " Odd")
          .addHeader("Content-Type", "application/json").body("{\"error\":\"odd\"}").build());

      ActionException e = thrown(() -> tasks().get("T-1"));

      assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
      assertThat(e.error().httpStatus()).isZero();
      assertThat(e.error().message()).contains("status " + Integer.parseInt(status) + ",");
      layer.close();
    }
  }
}
