package dev.actionlayer.asana;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.ActionException;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Canonical tasks as Asana tasks: {@code POST /tasks}, {@code GET} and {@code DELETE /tasks/{gid}}. */
final class AsanaTasks implements Resource<NewTask, Task> {
  /** Asana's {@code {"data": …}} envelope around a task; public only because Moshi requires it. */
  public record Envelope(TaskData data) {}

  /** The task members this connector reads; unknown members are skipped. */
  public record TaskData(String gid, String name, String notes, List<Ref> projects) {}

  /** A compact reference to another object, e.g. a project. */
  public record Ref(String gid) {}

  private static final JsonAdapter<Envelope> ENVELOPE = Json.MOSHI.adapter(Envelope.class);
  private static final Pattern GID = Pattern.compile("\\d{1,32}");
  private static final String TASKS = "tasks";
  private static final String FIELDS = "name,notes,projects";

  @Override
  public VendorRequest create(NewTask input, CallContext context) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", input.title());
    if (input.description() != null) data.put("notes", input.description());
    data.put("projects", List.of(requireGid(input.project(), "project")));
    return VendorRequest.post().path(TASKS).json(Json.write(Map.of("data", data))).build();
  }

  /** Asana answers a create with the whole task, so it reads like a get. */
  @Override
  public Task readCreated(VendorResponse response, NewTask input, CallContext context)
      throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(TASKS).segment(requireGid(id, "id")).query("opt_fields", FIELDS).build();
  }

  @Override
  public Task read(VendorResponse response) throws IOException {
    Envelope envelope = ENVELOPE.fromJson(response.bodySource());
    TaskData task = envelope == null ? null : envelope.data();
    if (task == null || task.gid() == null || task.gid().isBlank()) {
      throw new IOException("Asana answered without a task gid");
    }
    List<Ref> projects = task.projects();
    String project = projects == null || projects.isEmpty() || projects.get(0) == null ? null : projects.get(0).gid();
    // Asana sends "" for a task without notes; the canonical record says "none" with null.
    String notes = task.notes() == null || task.notes().isEmpty() ? null : task.notes();
    return new Task(task.gid(), project, task.name(), notes);
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(TASKS).segment(requireGid(id, "id")).build();
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.UNSAFE;
  }

  /**
   * Only digit strings reach the wire, so no agent value can address another endpoint.
   *
   * @throws ActionException {@code INVALID_REQUEST} naming {@code field} otherwise
   */
  private static String requireGid(String value, String field) {
    if (value == null) throw ActionException.invalidField(field, "is required (an Asana gid)");
    if (!GID.matcher(value).matches()) throw ActionException.invalidField(field, "is not an Asana gid (1 to 32 digits)");
    return value;
  }
}
