package dev.actionlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.policy.Approver;
import dev.actionlayer.policy.Policy;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Two {@link OfficeVendor}s ({@code a}, {@code b}), fake time, collected audit events and a layer with a policy. */
abstract class PolicyTestSupport {
  static final String SECRET = "tok-Policy-Secret-424242";
  final FakeTime time = new FakeTime();
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  OfficeVendor a;
  OfficeVendor b;
  ActionLayer layer;

  @BeforeEach
  void startVendors() throws IOException {
    a = new OfficeVendor();
    b = new OfficeVendor();
    a.server.start();
    b.server.start();
  }

  @AfterEach
  void stopVendors() throws IOException {
    if (layer != null) layer.close();
    a.server.close();
    b.server.close();
  }

  ActionLayer.Builder builder() {
    return ActionLayer.builder()
        .connection("a", new OfficeConnector(a.server.url("/").uri(), Credentials.bearer(SECRET), false), p -> p.noRateLimit())
        .connection("b", new OfficeConnector(b.server.url("/").uri(), Credentials.bearer(SECRET), true), p -> p.noRateLimit())
        .clock(time).sleeper(time)
        .auditSink(events::add);
  }

  ActionLayer layer(String policyJson) {
    layer = builder().policy(Policy.parse(policyJson)).build();
    return layer;
  }

  ActionLayer layer(String policyJson, Approver approver) {
    layer = builder().policy(Policy.parse(policyJson)).approver(approver).build();
    return layer;
  }

  /** A version-1 document giving {@code principal} the rules in {@code allow} (a JSON array body). */
  static String policy(String principal, String allow) {
    return "{\"version\":1,\"principals\":{\"" + principal + "\":{\"allow\":[" + allow + "]}}}";
  }

  static ActionError failure(ThrowableAssert.ThrowingCallable call) {
    ActionException e = catchThrowableOfType(call, ActionException.class);
    assertThat(e).as("expected an ActionException").isNotNull();
    return e.error();
  }

  int requests() {
    return a.requests() + b.requests();
  }

  AuditEvent lastEvent() {
    assertThat(events).isNotEmpty();
    return events.get(events.size() - 1);
  }
}
