package dev.actionlayer.testkit;

import static dev.actionlayer.testkit.Kit.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Rules on secrets and on agent-supplied values: data, never structure. */
interface SecurityRules extends Rules {
  /** Ids an agent might pass that try to reach another endpoint or inject a header. */
  List<String> HOSTILE_IDS = List.of("../../../x", "..", "a/../../b", "x?admin=1",
      "x#frag", "x\r\nX-Injected: 1", "x\nX-Injected: 1", "%2e%2e%2f%2e%2e");

  @Test
  default void required_security_theCredentialNeverAppearsInErrorsOrAudit() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(2));
    List<String> outputs = new ArrayList<>();
    // A hostile vendor echoes the credential, in each encoding in turn, in every place a
    // connector might copy from.
    for (String planted : plantedForms(kit.secret())) {
      kit.fake().clearFaults();
      String echo = "{\"error\":{\"message\":\"bad key " + planted + "\",\"code\":\"" + planted + "\"},"
          + "\"message\":\"" + planted + "\",\"errorMessages\":[\"" + planted + "\"],"
          + "\"errors\":{\"title\":\"" + planted + "\"},\"errorCode\":\"" + planted + "\"}";
      kit.fake().on(Requests.any()).always().respond(Fault.status(400).header("X-Echo", planted)
          .body(echo, "application/json"));
      for (Runnable call : List.<Runnable>of(() -> kit.create(layer), () -> kit.get(layer, kit.missingId()),
          () -> kit.delete(layer, kit.missingId()))) {
        try {
          call.run();
        } catch (ActionException e) {
          outputs.add(e.getMessage());
          outputs.add(e.error().toString());
          outputs.add(e.error().vendorCode());
          outputs.add(String.valueOf(e.error().fieldErrors()));
        }
      }
    }
    for (AuditEvent event : kit.events()) outputs.add(event.toJson());
    outputs.add(kit.connector().toString());

    assertThat(outputs).isNotEmpty();
    String secret = kit.secret();
    List<String> forbidden = new ArrayList<>(plantedForms(secret));
    forbidden.add(new StringBuilder(secret).reverse().toString());
    forbidden.add(secret.substring(0, secret.length() / 2 + 4));
    for (String form : forbidden) {
      for (String out : outputs) assertThat(out).as("output must not hold the credential").doesNotContain(form);
    }
  }

  @Test
  default void required_security_hostileIdsNeverReachAnotherEndpointOrHeader() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    String created = kit.create(layer);
    int before = kit.fake().requestCount();

    for (String id : HOSTILE_IDS) {
      for (Runnable call : List.<Runnable>of(() -> kit.get(layer, id), () -> kit.delete(layer, id))) {
        try {
          call.run();
        } catch (ActionException e) {
          assertThat(e.code()).as("answer for id %s", id.replace("\r", "\\r").replace("\n", "\\n"))
              .isIn(ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);
        }
      }
    }

    List<RecordedCall> sent = kit.fake().requests().subList(before, kit.fake().requestCount());
    for (RecordedCall call : sent) {
      String path = call.pathWithoutQuery();
      assertThat(path).as("a path built from a hostile id").doesNotContain("/../").doesNotContain("/./")
          .doesNotEndWith("/..").doesNotContain("\r").doesNotContain("\n");
      assertThat(call.header("X-Injected")).as("an injected header").isNull();
    }
    assertThat(kit.get(layer, created)).as("the real record is untouched").isEqualTo(created);
  }

  @Test
  default void optional_security_auditCarriesTheVendorsRequestId() {
    Kit<?> kit = kit();
    String header = kit.connector().requestIdHeader();
    assumeTrue(header != null, "the connector names no request-id header");
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    String id = kit.create(layer);

    kit.get(layer, id);

    AuditEvent event = kit.events().get(kit.events().size() - 1);
    assumeTrue(event.upstream() != null && event.upstream().headers().containsKey(header.toLowerCase(java.util.Locale.ROOT)),
        "the fake sends no " + header + " header");
    assertThat(event.vendorRequestId()).isEqualTo(event.upstream().headers().get(header.toLowerCase(java.util.Locale.ROOT)));
    ActionError e = failure(() -> kit.get(layer, kit.missingId()));
    assertThat(e.vendorRequestId()).as("the error's request id").isNotEmpty();
  }

  /**
   * The credential as a vendor could echo it: raw, with its case changed, as standard and URL-safe
   * base64 with and without padding, as hex in either case, URL-encoded.
   */
  private static List<String> plantedForms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    return List.of(secret,
        secret.toUpperCase(Locale.ROOT),
        secret.toLowerCase(Locale.ROOT),
        Base64.getEncoder().encodeToString(bytes),
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        Base64.getUrlEncoder().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        HexFormat.of().formatHex(bytes),
        HexFormat.of().withUpperCase().formatHex(bytes),
        URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }
}
