package dev.actionlayer.cli;

import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The contrast: the onboarding as it is often first written, with plain HTTP POSTs. A failed POST
 * is sent again at once, up to {@link #TRIES} times; a step that still fails ends the onboarding
 * there, and nothing done before it is undone. It sends what the real connectors send, minus
 * idempotency keys, so the vendors answer it exactly as they answer Actionlayer.
 */
final class NaiveClient {
  /** Tries per POST, the first included. */
  static final int TRIES = 5;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final DemoVendors vendors;

  NaiveClient(DemoVendors vendors) {
    this.vendors = vendors;
  }

  /** How an onboarding ended: the step it stopped at (null when all four were done). */
  record Outcome(String failedStep, int lastStatus) {
    boolean completed() {
      return failedStep == null;
    }
  }

  Outcome onboard(DemoVendors.Customer c) throws InterruptedException {
    int status = post(vendors.salesforce.uri().resolve("/services/data/v63.0/sobjects/Contact"),
        json(Map.of("FirstName", c.firstName(), "LastName", c.lastName(), "Email", c.email())), "application/json");
    if (status >= 300) return new Outcome("contact", status);
    status = post(vendors.drive.uri().resolve("/drive/v3/files"),
        json(Map.of("name", c.fullName(), "mimeType", "application/vnd.google-apps.folder")), "application/json");
    if (status >= 300) return new Outcome("folder", status);
    status = post(vendors.stripe.uri().resolve("/v1/customers"),
        "name=" + form(c.fullName()) + "&email=" + form(c.email()), "application/x-www-form-urlencoded");
    if (status >= 300) return new Outcome("customer", status);
    status = post(vendors.jira.uri().resolve("/rest/api/3/issue"), json(Map.of("fields", Map.of(
        "project", Map.of("key", DemoVendors.JIRA_PROJECT), "summary", c.taskTitle(),
        "issuetype", Map.of("name", "Task")))), "application/json");
    return status >= 300 ? new Outcome("task", status) : new Outcome(null, status);
  }

  /** The tight loop: no backoff, no Retry-After, no limit but the number of tries. */
  private int post(URI uri, String body, String contentType) throws InterruptedException {
    int status = 0;
    for (int i = 0; i < TRIES; i++) {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
          .header("Content-Type", contentType)
          .header("Authorization", "Bearer naive-demo-token")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 300) return status;
      } catch (IOException e) {
        status = 0;
      }
    }
    return status;
  }

  private static String json(Map<String, ?> value) {
    return Json.write(value);
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
