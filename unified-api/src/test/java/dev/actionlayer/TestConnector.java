package dev.actionlayer;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal connector for a JSON API at {@code /tasks}: exercises the pipeline without any real
 * vendor's quirks. Errors are {@code {"error": "..."}}.
 */
final class TestConnector implements Connector {
  private final URI baseUri;
  private final Credentials credentials;
  private final CreateSafety safety;

  TestConnector(URI baseUri, Credentials credentials, CreateSafety safety) {
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.safety = safety;
  }

  @Override
  public String vendor() {
    return "testvendor";
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  @Override
  public String requestIdHeader() {
    return "X-Request-Id";
  }

  /** Reports {@code X-Usage: used/limit} like Salesforce's Sforce-Limit-Info. */
  @Override
  public dev.actionlayer.spi.VendorUsage usage(VendorResponse response) {
    String h = response.header("X-Usage");
    if (h == null) return null;
    String[] parts = h.split("/");
    return new dev.actionlayer.spi.VendorUsage(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return new Resource<>() {
      @Override
      public VendorRequest create(NewTask input, CallContext context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", input.title());
        body.put("key", context.idempotencyKey());
        VendorRequest.Builder b = VendorRequest.post().path("tasks").json(Json.write(body));
        if (safety == CreateSafety.KEYED) b.header("Idempotency-Key", context.idempotencyKey());
        return b.build();
      }

      @Override
      public Task readCreated(VendorResponse response, NewTask input, CallContext context) throws IOException {
        return read(response);
      }

      @Override
      public VendorRequest get(String id) {
        return VendorRequest.get().path("tasks").segment(id).build();
      }

      @Override
      public Task read(VendorResponse response) throws IOException {
        Map<String, Object> json = Json.objectOrNull(response.bodyString());
        if (json != null && Boolean.TRUE.equals(json.get("deleted"))) {
          throw new dev.actionlayer.ActionException(ActionError.builder(ErrorCode.NOT_FOUND).message("deleted").build());
        }
        if (json == null || Json.string(json, "id") == null) throw new IOException("unreadable");
        return new Task(Json.string(json, "id"), null, Json.string(json, "title"), null);
      }

      @Override
      public VendorRequest delete(String id) {
        return VendorRequest.delete().path("tasks").segment(id).build();
      }

      /** A 2xx that says {"errors":[{"type":"FORBIDDEN"}]} did not delete (GraphQL vendors answer so). */
      @Override
      public void readDeleted(VendorResponse response, String id, CallContext context) {
        Map<String, Object> json = Json.objectOrNull(response.bodyString());
        if (json != null && !Json.array(json, "errors").isEmpty()) {
          throw new dev.actionlayer.ActionException(ActionError.builder(ErrorCode.PERMISSION_DENIED)
              .message("the vendor refused the delete").build());
        }
      }

      /** A 409 carrying the existing id means "already created": read it back. */
      @Override
      public Task recoverCreate(VendorResponse response, NewTask input, CallContext context) throws IOException {
        Map<String, Object> json = Json.objectOrNull(response.bodyString());
        if (response.status() != 409 || Json.string(json, "existingId") == null) return null;
        VendorResponse existing = context.exchange(get(Json.string(json, "existingId")));
        if (!existing.isSuccessful()) throw context.failure(existing);
        return read(existing);
      }

      @Override
      public CreateSafety createSafety() {
        return safety;
      }

      @Override
      public VendorRequest find(NewTask input, CallContext context) {
        return VendorRequest.get().path("tasks").query("key", context.idempotencyKey()).build();
      }

      @Override
      public Task readFound(VendorResponse response, NewTask input, CallContext context) throws IOException {
        Map<String, Object> json = Json.objectOrNull(response.bodyString());
        List<?> items = Json.array(json, "items");
        if (items.isEmpty()) return null;
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) items.get(0);
        return new Task(Json.string(first, "id"), null, Json.string(first, "title"), null);
      }
    };
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    ActionError.Builder b = HttpErrors.byStatus(response);
    if (response.bodyString().contains("\"quota\"")) b = HttpErrors.byStatus(response, ErrorCode.QUOTA_EXHAUSTED);
    Map<String, Object> json = Json.objectOrNull(response.bodyString());
    if (json != null && Json.string(json, "error") != null) b.message(Json.string(json, "error"));
    if (json != null && Json.string(json, "field") != null) b.fieldError("title", Json.string(json, "field"));
    return b.build();
  }
}
