package dev.actionlayer.testkit.kit;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
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
import java.util.List;
import java.util.Map;

/**
 * A small, correct connector for the fake Jira, written for the kit's own tests: the baseline
 * that passes every rule, and the parent of the deliberately broken variants. Each protected
 * method is a seam a broken variant overrides.
 */
class ReferenceJira implements Connector {
  final URI baseUri;
  final Credentials credentials;
  final String secret;

  ReferenceJira(URI baseUri, String email, String secret) {
    this.baseUri = baseUri;
    this.credentials = Credentials.basic(email, secret);
    this.secret = secret;
  }

  @Override
  public String vendor() {
    return "jira";
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
    return "X-AREQUESTID";
  }

  CreateSafety createSafety() {
    return CreateSafety.UNSAFE;
  }

  /** The issue path for an id: the id is one encoded segment. */
  VendorRequest.Builder issue(VendorRequest.Builder b, String id) {
    if (!id.matches("[A-Z][A-Z0-9_]*-\\d+|\\d+")) throw ActionException.invalidField("id", "is not a Jira issue key");
    return b.path("rest/api/3/issue").segment(id);
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return new Resource<>() {
      @Override
      public VendorRequest create(NewTask input, CallContext context) {
        Map<String, Object> fields = Map.of("project", Map.of("key", input.project()),
            "summary", input.title(), "issuetype", Map.of("name", "Task"));
        return VendorRequest.post().path("rest/api/3/issue").json(Json.write(Map.of("fields", fields))).build();
      }

      @Override
      public Task readCreated(VendorResponse response, NewTask input, CallContext context) throws IOException {
        String id = Json.string(Json.objectOrNull(response.bodyString()), "id");
        if (id == null) throw new IOException("no id");
        return new Task(id, input.project(), input.title(), input.description());
      }

      @Override
      public VendorRequest get(String id) {
        return issue(VendorRequest.get(), id).query("fields", "summary,project").build();
      }

      @Override
      public Task read(VendorResponse response) throws IOException {
        Map<String, Object> json = Json.objectOrNull(response.bodyString());
        if (json == null || Json.string(json, "id") == null) throw new IOException("no id");
        Map<String, Object> fields = Json.object(json, "fields");
        return new Task(Json.string(json, "id"), Json.string(Json.object(fields, "project"), "key"),
            Json.string(fields, "summary"), null);
      }

      @Override
      public VendorRequest delete(String id) {
        return issue(VendorRequest.delete(), id).build();
      }

      @Override
      public CreateSafety createSafety() {
        return ReferenceJira.this.createSafety();
      }
    };
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    Map<String, Object> json = Json.objectOrNull(response.bodyString());
    ActionError.Builder b = response.status() == 404 && json == null
        ? HttpErrors.byStatus(response, ErrorCode.UPSTREAM_ERROR).retryable(false) // a wrong path
        : HttpErrors.byStatus(response);
    if (json != null) {
      List<?> messages = Json.array(json, "errorMessages");
      if (!messages.isEmpty() && messages.get(0) instanceof String) b.message((String) messages.get(0));
      Map<String, Object> errors = Json.object(json, "errors");
      if (errors != null) {
        errors.forEach((field, message) -> b.fieldError(field.equals("summary") ? "title" : field, String.valueOf(message)));
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "ReferenceJira{" + baseUri + "}";
  }
}
