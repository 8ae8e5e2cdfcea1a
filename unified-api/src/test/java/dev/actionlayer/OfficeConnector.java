package dev.actionlayer;

import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A connector with all three resources for {@link OfficeVendor}: bodies are the canonical fields
 * plus a {@code key} and, when {@code secretInBody}, an {@code api_key} member (for redaction);
 * folders, when {@code preGeneratedIds}, take an id from {@code GET /ids} first, as Drive does.
 */
final class OfficeConnector implements Connector {
  private final URI baseUri;
  private final Credentials credentials;
  private final boolean preGeneratedIds;

  OfficeConnector(URI baseUri, Credentials credentials, boolean preGeneratedIds) {
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.preGeneratedIds = preGeneratedIds;
  }

  @Override
  public String vendor() {
    return "office";
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
  public Resource<NewTask, Task> tasks() {
    return new TaskRecords();
  }

  /** Tasks can also be changed ({@code PATCH /tasks/{id}}) and listed ({@code GET /tasks?limit=&after=}). */
  private final class TaskRecords extends Records<NewTask, Task>
      implements Updatable<TaskChanges, Task>, Listable<TaskQuery, Task> {
    TaskRecords() {
      super("tasks", t -> fields("project", t.project(), "title", t.title(), "description", t.description()),
          m -> new Task(Json.string(m, "id"), Json.string(m, "project"), Json.string(m, "title"),
              Json.string(m, "description")));
    }

    @Override
    public VendorRequest update(String id, TaskChanges changes, CallContext context) {
      return VendorRequest.patch().path("tasks").segment(id)
          .json(Json.write(fields("title", changes.title(), "description", changes.description()))).build();
    }

    @Override
    public Task readUpdated(VendorResponse response, String id, TaskChanges changes, CallContext context)
        throws IOException {
      return response.status() == 204 ? null : read(response);
    }

    @Override
    public VendorRequest list(TaskQuery query, CallContext context) {
      VendorRequest.Builder b = VendorRequest.get().path("tasks").query("limit", Integer.toString(query.pageSize()));
      if (query.cursor() != null) b.query("after", query.cursor());
      if (query.project() != null) b.query("project", query.project());
      return b.build();
    }

    @Override
    public Page<Task> readPage(VendorResponse response, TaskQuery query, CallContext context) throws IOException {
      Map<String, Object> json = Json.objectOrNull(response.bodyString());
      if (json == null) throw new IOException("unreadable");
      java.util.List<Task> items = new java.util.ArrayList<>();
      for (Object o : Json.array(json, "items")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        items.add(new Task(Json.string(m, "id"), Json.string(m, "project"), Json.string(m, "title"),
            Json.string(m, "description")));
      }
      return new Page<>(items, Json.string(json, "next"));
    }
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return new Records<>("contacts", c -> fields("firstName", c.firstName(), "lastName", c.lastName(), "email", c.email()),
        m -> new Contact(Json.string(m, "id"), Json.string(m, "firstName"), Json.string(m, "lastName"), Json.string(m, "email")));
  }

  @Override
  public Resource<NewFolder, Folder> folders() {
    return new Records<>("folders", f -> fields("name", f.name(), "parentId", f.parentId()),
        m -> new Folder(Json.string(m, "id"), Json.string(m, "name"), Json.string(m, "parentId")));
  }

  private static Map<String, Object> fields(String... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) if (pairs[i + 1] != null) m.put(pairs[i], pairs[i + 1]);
    return m;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return HttpErrors.byStatus(response).build();
  }

  private class Records<N, R> implements Resource<N, R> {
    private final String noun;
    private final Function<N, Map<String, Object>> body;
    private final Function<Map<String, Object>, R> reader;

    Records(String noun, Function<N, Map<String, Object>> body, Function<Map<String, Object>, R> reader) {
      this.noun = noun;
      this.body = body;
      this.reader = reader;
    }

    @Override
    public VendorRequest create(N input, CallContext context) {
      Map<String, Object> json = new LinkedHashMap<>(body.apply(input));
      if (preGeneratedIds && noun.equals("folders")) {
        VendorResponse ids = context.exchange(VendorRequest.get().path("ids").build());
        if (!ids.isSuccessful()) throw context.failure(ids);
        json.put("id", Json.string(Json.objectOrNull(ids.bodyString()), "id"));
      }
      json.put("key", context.idempotencyKey());
      json.put("api_key", "planted-api-key-value");
      return VendorRequest.post().path(noun).header("Idempotency-Key", context.idempotencyKey())
          .json(Json.write(json)).build();
    }

    @Override
    public R readCreated(VendorResponse response, N input, CallContext context) throws IOException {
      return read(response);
    }

    @Override
    public VendorRequest get(String id) {
      return VendorRequest.get().path(noun).segment(id).build();
    }

    @Override
    public R read(VendorResponse response) throws IOException {
      Map<String, Object> json = Json.objectOrNull(response.bodyString());
      if (json == null || Json.string(json, "id") == null) throw new IOException("unreadable");
      return reader.apply(json);
    }

    @Override
    public VendorRequest delete(String id) {
      return VendorRequest.delete().path(noun).segment(id).build();
    }

    @Override
    public CreateSafety createSafety() {
      return CreateSafety.KEYED;
    }
  }
}
