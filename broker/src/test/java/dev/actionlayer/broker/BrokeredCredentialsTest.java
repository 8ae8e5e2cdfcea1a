package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vendor credentials stay in the broker: nothing an agent receives over HTTP — headers and bodies
 * of tool lists, results and errors (the vendor's refusals included) — carries them, in plain,
 * base64, base64url, URL-encoded or case-changed form.
 */
class BrokeredCredentialsTest {
  @TempDir
  Path dir;
  BrokerFixture f;

  @AfterEach
  void close() {
    if (f != null) f.close();
  }

  /** Every form in which a credential could slip out. */
  static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>();
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    forms.add(secret);
    forms.add(secret.toLowerCase(Locale.ROOT));
    forms.add(secret.toUpperCase(Locale.ROOT));
    forms.add(Base64.getEncoder().encodeToString(bytes).replace("=", ""));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    return forms;
  }

  static List<String> allForms() {
    List<String> all = new ArrayList<>();
    for (String s : BrokerFixture.SECRETS) all.addAll(forms(s));
    all.addAll(forms(BrokerFixture.JIRA_EMAIL + ":" + BrokerFixture.JIRA_TOKEN));
    return all;
  }

  private String post(String session, String body, StringBuilder seen) {
    HttpRequest.Builder r = f.request(Broker.MCP_PATH)
        .header("Authorization", "Bearer " + f.agentKey)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) r.header("mcp-session-id", session);
    HttpResponse<String> response = f.send(r);
    seen.append(response.headers().map()).append('\n').append(response.body()).append('\n');
    return response.headers().firstValue("mcp-session-id").orElse(session);
  }

  @Test
  void toolListsResultsAndErrorsOverHttpNeverCarryAVendorCredential() {
    f = new BrokerFixture(dir);
    StringBuilder seen = new StringBuilder();
    String session = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
        seen);
    post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", seen);
    post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", seen);
    String call = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\","
        + "\"arguments\":%s}}";
    post(session, String.format(call, 3, "tasks_create", "{\"connection\":\"jira\",\"project\":\"PROJ\",\"title\":\"ok\"}"), seen);
    post(session, String.format(call, 4, "tasks_create", "{\"connection\":\"jira\",\"project\":\"NOPE\",\"title\":\"x\"}"), seen);
    post(session, String.format(call, 5, "tasks_get", "{\"connection\":\"jira\",\"id\":\"99999\"}"), seen);
    post(session, String.format(call, 6, "contacts_create",
        "{\"connection\":\"stripe\",\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\"ada@example.com\"}"), seen);
    // The vendors now refuse the broker's credentials: their 401s must not echo them either.
    f.jira.requireBasic(BrokerFixture.JIRA_EMAIL, "rotated-elsewhere");
    f.stripe.requireKey("sk_test_rotatedElsewhere0000");
    post(session, String.format(call, 7, "tasks_create", "{\"connection\":\"jira\",\"project\":\"PROJ\",\"title\":\"y\"}"), seen);
    post(session, String.format(call, 8, "contacts_create",
        "{\"connection\":\"stripe\",\"firstName\":\"Bo\",\"lastName\":\"L\",\"email\":\"bo@example.com\"}"), seen);

    String all = seen.toString();
    assertThat(all).contains("tasks_create").contains("\"isError\":true").contains("UNAUTHENTICATED");
    for (String form : allForms()) assertThat(all).doesNotContain(form);
  }

  @Test
  void dryRunsOverHttpShowTheRequestButNeverItsCredentials_andSendNothing() {
    f = new BrokerFixture(dir, "{\"version\":1,\"principals\":{\"triage-bot\":{\"allow\":["
        + "{\"operations\":[\"tasks.create\"],\"connections\":[\"jira\"]},"
        + "{\"operations\":[\"contacts.create\"],\"connections\":[\"stripe\"]}]}}}", ApprovalStore.inMemory());
    StringBuilder seen = new StringBuilder();
    String session = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
        seen);
    post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", seen);
    String call = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\","
        + "\"arguments\":%s}}";
    post(session, String.format(call, 2, "tasks_create",
        "{\"connection\":\"jira\",\"project\":\"PROJ\",\"title\":\"dry\",\"dryRun\":true}"), seen);
    post(session, String.format(call, 3, "contacts_create", "{\"connection\":\"stripe\",\"firstName\":\"Ada\","
        + "\"lastName\":\"L\",\"email\":\"ada@example.com\",\"dryRun\":true}"), seen);

    String all = seen.toString();
    assertThat(all).contains("\\\"dryRun\\\":true").contains("\\\"method\\\":\\\"POST\\\"");
    assertThat(f.jira.requestCount()).isZero();
    assertThat(f.stripe.requestCount()).isZero();
    for (String form : allForms()) assertThat(all).doesNotContain(form);
  }
}
