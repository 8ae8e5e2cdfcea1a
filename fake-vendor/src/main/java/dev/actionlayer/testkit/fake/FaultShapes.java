package dev.actionlayer.testkit.fake;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/** Turns the fake's real answer into a broken one, for the {@code applyThen...} faults. */
final class FaultShapes {

  private FaultShapes() {}

  /**
   * Cuts the connection halfway through the body (MockWebServer triggers the effect after half of
   * the declared Content-Length). A response that may not carry a body has nothing to cut, so
   * its connection is dropped before the status line instead.
   */
  static MockResponse truncate(MockResponse applied) {
    if (StatusLines.forbidsBody(applied.getCode()) || contentLength(applied) <= 0) {
      return applied.newBuilder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }
    return applied.newBuilder().onResponseBody(new SocketEffect.CloseSocket()).build();
  }

  /**
   * Keeps the success status and the declared Content-Type but sends HTML, like a misbehaving
   * proxy; a 204 becomes 200 because a 204 may not carry any body.
   */
  static MockResponse garbage(MockResponse applied) {
    int code = StatusLines.forbidsBody(applied.getCode()) ? 200 : applied.getCode();
    MockResponse.Builder builder = applied.newBuilder().status(StatusLines.of(code)).body(Fault.GARBAGE);
    if (applied.getHeaders().get("Content-Type") == null) {
      builder.setHeader("Content-Type", "application/json;charset=UTF-8");
    }
    return builder.build();
  }

  private static long contentLength(MockResponse response) {
    return response.getBody() == null ? 0 : response.getBody().getContentLength();
  }
}
