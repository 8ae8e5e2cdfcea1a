package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.audit.AuditEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules on secrets and on agent-supplied values: data, never structure. */
abstract class SecurityRules extends ProtectionRules {
  /** Ids an agent might pass that try to reach another endpoint or inject a header. */
  static final List<String> HOSTILE_IDS = List.of("../../../x", "..", "a/../../b", "x?admin=1",
      "x#frag", "x\r\nX-Injected: 1", "x\nX-Injected: 1", "%2e%2e%2f%2e%2e");

  @Test
  public void required_security_theCredentialNeverAppearsInErrorsOrAudit() {
    ActionLayer layer = layer(p -> p.maxAttempts(2));
    // A hostile vendor echoes the credential in every place a connector might copy from.
    String echo = "{\"error\":{\"message\":\"bad key " + secret + "\",\"code\":\"" + secret + "\"},"
        + "\"message\":\"" + secret + "\",\"errorMessages\":[\"" + secret + "\"],"
        + "\"errors\":{\"title\":\"" + secret + "\"},\"errorCode\":\"" + secret + "\"}";
    fake.on(Requests.any()).always().respond(Fault.status(400).header("X-Echo", secret)
        .body(echo, "application/json"));

    List<String> outputs = new ArrayList<>();
    for (Runnable call : List.<Runnable>of(() -> create(layer), () -> get(layer, missingId()),
        () -> delete(layer, missingId()))) {
      try {
        call.run();
      } catch (ActionException e) {
        outputs.add(e.getMessage());
        outputs.add(e.error().toString());
        outputs.add(e.error().vendorCode());
        outputs.add(String.valueOf(e.error().fieldErrors()));
      }
    }
    for (AuditEvent event : events) outputs.add(event.toJson());
    outputs.add(connector(baseUri(fake), secret).toString());

    assertThat(outputs).isNotEmpty();
    for (String form : secretForms()) {
      for (String out : outputs) assertThat(out).as("output must not hold the credential").doesNotContain(form);
    }
  }

  @Test
  public void required_security_hostileIdsNeverReachAnotherEndpointOrHeader() {
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    String created = create(layer);
    int before = fake.requestCount();

    for (String id : HOSTILE_IDS) {
      for (Runnable call : List.<Runnable>of(() -> get(layer, id), () -> delete(layer, id))) {
        try {
          call.run();
        } catch (ActionException e) {
          assertThat(e.code()).as("answer for id %s", id.replace("\r", "\\r").replace("\n", "\\n"))
              .isIn(ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);
        }
      }
    }

    List<RecordedCall> sent = fake.requests().subList(before, fake.requestCount());
    for (RecordedCall call : sent) {
      String path = call.pathWithoutQuery();
      assertThat(path).as("a path built from a hostile id").doesNotContain("/../").doesNotContain("/./")
          .doesNotEndWith("/..").doesNotContain("\r").doesNotContain("\n");
      assertThat(call.header("X-Injected")).as("an injected header").isNull();
    }
    assertThat(get(layer, created)).as("the real record is untouched").isEqualTo(created);
  }

  @Test
  public void optional_security_auditCarriesTheVendorsRequestId() {
    String header = connector(baseUri(fake), secret).requestIdHeader();
    assumeTrue(header != null, "the connector names no request-id header");
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    String id = create(layer);

    get(layer, id);

    AuditEvent event = events.get(events.size() - 1);
    assumeTrue(event.upstream() != null && event.upstream().headers().containsKey(header.toLowerCase(java.util.Locale.ROOT)),
        "the fake sends no " + header + " header");
    assertThat(event.vendorRequestId()).isEqualTo(event.upstream().headers().get(header.toLowerCase(java.util.Locale.ROOT)));
    ActionError e = failure(() -> get(layer, missingId()));
    assertThat(e.vendorRequestId()).as("the error's request id").isNotEmpty();
  }

  /** The credential as it could leak: raw, encoded, reversed. */
  private List<String> secretForms() {
    return List.of(secret,
        Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
        URLEncoder.encode(secret, StandardCharsets.UTF_8),
        new StringBuilder(secret).reverse().toString(),
        secret.substring(0, secret.length() / 2 + 4));
  }
}
