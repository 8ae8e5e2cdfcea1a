package dev.actionlayer.internal.tools;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.FolderChanges;
import dev.actionlayer.FolderQuery;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskQuery;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.internal.Canonical;
import dev.actionlayer.internal.ResourceCalls;
import dev.actionlayer.internal.Telemetry;
import dev.actionlayer.internal.policy.PolicyEngine;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.tools.Tool;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolHints;
import dev.actionlayer.tools.ToolParameter;
import dev.actionlayer.tools.ToolResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ToolCatalog} over one layer view: the tools are computed once from the connections and
 * what their connectors support; each call validates its arguments against the tool's own
 * parameter list (the one the schema is rendered from), then runs the canonical operation.
 */
public final class Catalog implements ToolCatalog {
  private static final Logger log = LoggerFactory.getLogger(Catalog.class);
  /** Keys a model supplies; prefixed on the wire so that they never meet a saga's keys. */
  private static final String KEY_PATTERN = "[A-Za-z0-9-]{8,64}";

  /** A connection offering a resource: its name, vendor and how safe a repeated create is. */
  private record Offer(String connection, String vendor, CreateSafety safety, java.time.Duration duplicateWindow,
      boolean canUpdate, boolean canList) {
    boolean offers(String verb) {
      return switch (verb) {
        case "update" -> canUpdate;
        case "list" -> canList;
        default -> true;
      };
    }
  }

  private record Entry(Tool tool, Canonical<?, ?> kind, String verb) {}

  private final Canonical.Lookup lookup;
  private final String principal;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Telemetry telemetry;

  /**
   * @param policy the layer's policy, or null: with one, a tool lists only the connections the
   *     principal may call its operation on, and a tool with none is left out
   */
  public Catalog(Canonical.Lookup lookup, List<String> connections, String principal, PolicyEngine policy,
      Telemetry telemetry) {
    this.telemetry = telemetry;
    this.lookup = lookup;
    this.principal = principal;
    for (Canonical<?, ?> kind : List.of(Canonical.TASKS, Canonical.CONTACTS, Canonical.FOLDERS)) {
      List<Offer> supported = new ArrayList<>();
      for (String c : connections) {
        try {
          ResourceCalls<?, ?> calls = lookup.calls(c, kind);
          supported.add(new Offer(c, calls.vendor(), calls.createSafety(), calls.duplicateWindow(),
              calls.canUpdate(), calls.canList()));
        } catch (ActionException unsupported) {
          // this connection's vendor lacks the resource: not offered
        }
      }
      for (String verb : List.of("create", "get", "update", "delete", "list")) {
        String operation = kind.noun() + "." + verb;
        List<Offer> offers = supported.stream().filter(o -> o.offers(verb))
            .filter(o -> policy == null || policy.permits(principal, operation, o.connection())).toList();
        if (offers.isEmpty()) continue;
        Tool tool = ToolTexts.tool(kind.noun(), verb, offers.stream().map(Offer::connection).toList(),
            offers.stream().map(o -> o.connection() + " (" + o.vendor() + ")").toList(),
            hints(verb, offers), KEY_PATTERN,
            offers.stream().map(Offer::duplicateWindow).filter(w -> !w.isZero()).distinct().sorted().toList());
        entries.put(tool.name(), new Entry(tool, kind, verb));
      }
    }
  }

  private static ToolHints hints(String verb, List<Offer> offers) {
    return switch (verb) {
      case "get", "list" -> new ToolHints(true, false, true, true);
      case "update" -> new ToolHints(false, true, true, true);
      case "delete" -> new ToolHints(false, true, true, true);
      default -> new ToolHints(false, false,
          offers.stream().allMatch(o -> o.safety() == CreateSafety.KEYED), true);
    };
  }

  @Override
  public List<Tool> tools() {
    return entries.values().stream().map(Entry::tool).toList();
  }

  @Override
  public Optional<Tool> tool(String name) {
    Entry e = name == null ? null : entries.get(name);
    return e == null ? Optional.empty() : Optional.of(e.tool());
  }

  @Override
  public ToolResult execute(String name, String jsonArguments) {
    return execute(name, jsonArguments, null);
  }

  @Override
  public ToolResult execute(String name, String jsonArguments, String toolCallId) {
    Entry entry = name == null ? null : entries.get(name);
    // Only a listed tool's name goes into a span name: a model may send any string.
    Span span = telemetry.startTool(entry == null ? "unknown" : name, toolCallId, jsonArguments);
    if (span == null) return run(name, entry, jsonArguments, null);
    ToolResult result;
    try (Scope ignored = span.makeCurrent()) {
      result = run(name, entry, jsonArguments, span);
    } catch (RuntimeException | Error e) {
      telemetry.endTool(span, e.getClass().getName(), null);
      throw e;
    }
    telemetry.endTool(span, null, result.json());
    return result;
  }

  /** Runs a tool call; with a {@code span}, a failure's code goes on it as {@code error.type}. */
  private ToolResult run(String name, Entry entry, String jsonArguments, Span span) {
    try {
      if (entry == null) {
        throw new ActionException(ActionError.builder(ErrorCode.INVALID_REQUEST)
            .message("there is no tool named '" + ToolTexts.clip(name) + "'; tools: " + entries.keySet())
            .fieldError("name", "unknown tool").build());
      }
      Map<String, String> args = Arguments.parse(jsonArguments, entry.tool().parameters());
      return new ToolResult(run(entry, args, "true".equals(args.get("dryRun"))), false);
    } catch (ActionException e) {
      Telemetry.failed(span, e.error().code().name());
      return new ToolResult(ToolTexts.errorJson(e.error()), true);
    } catch (RuntimeException e) {
      // A defect, not something the model did: log it for a developer, tell the model only that.
      log.warn("tool {} failed unexpectedly", name, e);
      Telemetry.failed(span, ErrorCode.INTERNAL.name());
      return new ToolResult(ToolTexts.errorJson(ActionError.builder(ErrorCode.INTERNAL).retryable(false)
          .message("the tool failed unexpectedly (" + e.getClass().getSimpleName() + ")").build()), true);
    }
  }

  @SuppressWarnings("unchecked")
  private String run(Entry entry, Map<String, String> args, boolean dryRun) {
    String connection = args.get("connection");
    return switch (entry.kind().noun()) {
      case "tasks" -> run((Canonical<NewTask, Object>) (Canonical<?, ?>) entry.kind(), entry.verb(), connection, args,
          a -> new NewTask(a.get("project"), a.get("title"), a.get("description")),
          a -> new TaskChanges(a.get("title"), a.get("description"), status(a), a.get("vendorStatus"),
              a.get("assignee"), a.get("dueDate"), labels(a.get("labels")), null),
          a -> new TaskQuery(a.get("project"), status(a), a.get("assignee"), a.get("text"), pageSize(a),
              a.get("cursor")), dryRun);
      case "contacts" -> run((Canonical<NewContact, Object>) (Canonical<?, ?>) entry.kind(), entry.verb(), connection, args,
          a -> new NewContact(a.get("firstName"), a.get("lastName"), a.get("email")),
          a -> new ContactChanges(a.get("firstName"), a.get("lastName"), a.get("email"), a.get("phone"),
              a.get("company"), null),
          a -> new ContactQuery(a.get("email"), a.get("name"), pageSize(a), a.get("cursor")), dryRun);
      default -> run((Canonical<NewFolder, Object>) (Canonical<?, ?>) entry.kind(), entry.verb(), connection, args,
          a -> new NewFolder(a.get("name"), a.get("parentId")),
          a -> new FolderChanges(a.get("name"), a.get("parentId")),
          a -> new FolderQuery(a.get("parentId"), a.get("name"), pageSize(a), a.get("cursor")), dryRun);
    };
  }

  private static TaskStatus status(Map<String, String> a) {
    return a.get("status") == null ? null : TaskStatus.of(a.get("status"), "status");
  }

  private static int pageSize(Map<String, String> a) {
    return a.get("pageSize") == null ? 0 : Integer.parseInt(a.get("pageSize"));
  }

  /** Comma-separated labels; blank parts are dropped, so {@code ""} is "no labels". */
  private static List<String> labels(String value) {
    if (value == null) return null;
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) if (!part.isBlank()) out.add(part.strip());
    return out;
  }

  private <N, R> String run(Canonical<N, R> kind, String verb, String connection, Map<String, String> args,
      Function<Map<String, String>, N> input, Function<Map<String, String>, Object> changes,
      Function<Map<String, String>, Object> query, boolean dryRun) {
    ResourceCalls<N, R> calls = lookup.calls(connection, kind);
    if (dryRun) {
      String key = args.get("idempotencyKey");
      return ToolTexts.dryRunJson(switch (verb) {
        case "create" -> calls.previewCreate(input.apply(args), key == null ? null : "agent-" + key, principal);
        case "get" -> calls.previewGet(args.get("id"), principal);
        case "update" -> calls.previewUpdate(args.get("id"), changes.apply(args), principal);
        case "list" -> calls.previewList(query.apply(args), principal);
        default -> calls.previewDelete(args.get("id"), principal);
      });
    }
    Map<String, String> context = Map.of("via", "tool");
    switch (verb) {
      case "create" -> {
        N in = input.apply(args);
        String key = args.get("idempotencyKey");
        ResourceCalls.Created<R> created =
            calls.createNoting(in, key == null ? null : "agent-" + key, principal, context);
        return Json.write(ToolTexts.createdMap(created.record(), created.deduplicated(), kind.noun() + "_create"));
      }
      case "get" -> {
        return Json.write(ToolTexts.recordMap(calls.get(args.get("id"), principal, context)));
      }
      case "update" -> {
        return Json.write(ToolTexts.recordMap(calls.update(args.get("id"), changes.apply(args), principal, context)));
      }
      case "list" -> {
        Page<R> page = calls.list(query.apply(args), principal, context);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(ToolTexts::recordMap).toList());
        out.put("nextCursor", page.nextCursor());
        return Json.write(out);
      }
      default -> {
        calls.delete(args.get("id"), principal, context);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deleted", true);
        out.put("id", args.get("id"));
        return Json.write(out);
      }
    }
  }
}
