package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * Answers one authenticated, counted request to FakeSalesforce from its store: routes the sObject
 * path and applies inserts, upserts, updates, reads and deletes, and hands SOQL queries to
 * {@link SalesforceQuery}. Built per request under the
 * fake's lock; not thread-safe.
 */
final class SalesforceHandler {

  /** Upserts answer with a {@code created} member, and updates with 200, from this version on. */
  private static final int CREATED_FLAG_SINCE = 46;

  private final SalesforceStore store;
  private final Map<String, String> externalIdFields;
  private final boolean duplicateRule;
  private final int upsertUpdateStatus;

  SalesforceHandler(SalesforceStore store, Map<String, String> externalIdFields, boolean duplicateRule,
      int upsertUpdateStatus) {
    this.store = store;
    this.externalIdFields = externalIdFields;
    this.duplicateRule = duplicateRule;
    this.upsertUpdateStatus = upsertUpdateStatus;
  }

  MockResponse handle(RecordedCall call) {
    String queryVersion = SalesforceQuery.version(call);
    if (queryVersion != null) {
      return new SalesforceQuery(store, externalIdFields).answer(call, queryVersion);
    }
    SalesforcePath path = SalesforcePath.parse(call);
    SalesforceSchema.Type base = path == null ? null : SalesforceSchema.type(path.type());
    if (base == null) {
      return notFound();
    }
    String ext = externalIdFields.get(base.name());
    SalesforceSchema.Type type = ext == null ? base : base.withExternalId(ext);
    String method = call.method();
    List<String> rest = path.rest();
    if (rest.isEmpty()) {
      return switch (method) {
        case "POST" -> insert(path, type, call.body());
        case "GET" -> SalesforceResponses.json(200, Json.write(Json.object("objectDescribe",
            Json.object("name", type.name(), "keyPrefix", type.prefix(), "label", type.name()),
            "recentItems", List.of())));
        default -> SalesforceResponses.methodNotAllowed(method, "HEAD,GET,POST");
      };
    }
    if (rest.size() == 1) {
      return switch (method) {
        case "GET" -> get(path, type, rest.get(0), call.queryParameter("fields"));
        case "PATCH" -> update(type, rest.get(0), call.body());
        case "DELETE" -> delete(type, rest.get(0));
        default -> SalesforceResponses.methodNotAllowed(method, "HEAD,GET,PATCH,DELETE");
      };
    }
    if (rest.size() == 2 && ext != null && rest.get(0).equalsIgnoreCase(ext)) {
      return switch (method) {
        case "PATCH" -> upsert(path, type, ext, rest.get(1), call.body());
        case "GET" -> getByExternalId(path, type, ext, rest.get(1), call.queryParameter("fields"));
        default -> SalesforceResponses.methodNotAllowed(method, "HEAD,GET,PATCH,DELETE");
      };
    }
    // The docs' answer to an upsert naming a field that is not an external id.
    return notFound();
  }

  private MockResponse insert(SalesforcePath path, SalesforceSchema.Type type, String body) {
    SalesforceSave.Outcome outcome = SalesforceSave.validate(type, body, true, null);
    if (outcome instanceof SalesforceSave.Rejected rejected) {
      return SalesforceResponses.json(400, rejected.body());
    }
    Map<String, Object> fields = ((SalesforceSave.Accepted) outcome).fields();
    MockResponse duplicate = duplicates(path, type, fields, null);
    if (duplicate != null) {
      return duplicate;
    }
    return SalesforceResponses.json(201, SalesforceResponses.saveResult(store.insert(type, fields).id(), null));
  }

  private MockResponse upsert(SalesforcePath path, SalesforceSchema.Type type, String field, String value,
      String body) {
    List<SalesforceStore.Stored> matches = store.byField(type, field, value);
    if (matches.size() > 1) {
      return SalesforceResponses.json(300, SalesforceResponses.multipleChoices(path, matches));
    }
    boolean insert = matches.isEmpty();
    SalesforceSave.Outcome outcome = SalesforceSave.validate(type, body, insert, field);
    if (outcome instanceof SalesforceSave.Rejected rejected) {
      return SalesforceResponses.json(400, rejected.body());
    }
    Map<String, Object> fields = ((SalesforceSave.Accepted) outcome).fields();
    SalesforceStore.Stored existing = insert ? null : matches.get(0);
    MockResponse duplicate = duplicates(path, type, fields, existing);
    if (duplicate != null) {
      return duplicate;
    }
    boolean flagged = path.major() >= CREATED_FLAG_SINCE;
    if (insert) {
      fields.put(field, value);
      String id = store.insert(type, fields).id();
      return SalesforceResponses.json(201, SalesforceResponses.saveResult(id, flagged ? true : null));
    }
    existing.fields().putAll(fields);
    if (!flagged || upsertUpdateStatus == 204) {
      return SalesforceResponses.noContent();
    }
    return SalesforceResponses.json(200, SalesforceResponses.saveResult(existing.id(), false));
  }

  private MockResponse update(SalesforceSchema.Type type, String id, String body) {
    Lookup found = lookup(type, id);
    if (found.stored() == null) {
      return found.answer() != null ? found.answer() : notFound();
    }
    SalesforceSave.Outcome outcome = SalesforceSave.validate(type, body, false, null);
    if (outcome instanceof SalesforceSave.Rejected rejected) {
      return SalesforceResponses.json(400, rejected.body());
    }
    found.stored().fields().putAll(((SalesforceSave.Accepted) outcome).fields());
    return SalesforceResponses.noContent();
  }

  private MockResponse get(SalesforcePath path, SalesforceSchema.Type type, String id, String fields) {
    Lookup found = lookup(type, id);
    if (found.stored() == null) {
      // A deleted record reads as missing; only a second delete says it is deleted.
      return found.answer() != null ? found.answer() : notFound();
    }
    return read(path, type, found.stored(), fields);
  }

  private MockResponse getByExternalId(SalesforcePath path, SalesforceSchema.Type type, String field,
      String value, String fields) {
    List<SalesforceStore.Stored> matches = store.byField(type, field, value);
    if (matches.size() > 1) {
      return SalesforceResponses.json(300, SalesforceResponses.multipleChoices(path, matches));
    }
    return matches.isEmpty() ? notFound() : read(path, type, matches.get(0), fields);
  }

  private MockResponse delete(SalesforceSchema.Type type, String id) {
    Lookup found = lookup(type, id);
    if (found.stored() != null) {
      store.delete(found.stored());
      return SalesforceResponses.noContent();
    }
    if (found.answer() == null && store.wasDeleted(id)) {
      return SalesforceResponses.json(404, SalesforceResponses.ENTITY_IS_DELETED);
    }
    return found.answer() != null ? found.answer() : notFound();
  }

  /**
   * What an id in the path names: a stored record, nothing (both {@code answer} null: a
   * well-formed id of this type with no record, any more), or an answer of its own: 404 for a
   * malformed id (Salesforce reads it as an unknown path), 400 MALFORMED_ID for another type's id.
   */
  private record Lookup(SalesforceStore.Stored stored, MockResponse answer) {}

  private Lookup lookup(SalesforceSchema.Type type, String id) {
    if (!id.matches("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?")) {
      return new Lookup(null, notFound());
    }
    if (!id.startsWith(type.prefix())) {
      return new Lookup(null, SalesforceResponses.json(400, SalesforceResponses.error("MALFORMED_ID",
          type.name() + " ID: id value of incorrect type: " + id, "Id")));
    }
    SalesforceStore.Stored stored = store.find(type, id);
    return new Lookup(stored, null);
  }

  private static MockResponse read(SalesforcePath path, SalesforceSchema.Type type, SalesforceStore.Stored stored,
      String fields) {
    List<String> selected = new ArrayList<>();
    if (fields == null || fields.isBlank()) {
      selected.add("Id");
      selected.add("IsDeleted");
      if (type.name().equals("Contact")) {
        selected.add("Name");
      }
      selected.addAll(type.fields().keySet());
    } else {
      for (String name : fields.split(",")) {
        String field = name.strip();
        String canonical = readable(type, field);
        if (canonical == null) {
          return SalesforceResponses.json(400, SalesforceResponses.error("INVALID_FIELD",
              "No such column '" + field + "' on sobject of type " + type.name()));
        }
        selected.add(canonical);
      }
    }
    return SalesforceResponses.json(200, SalesforceResponses.record(path, stored, selected));
  }

  /**
   * The API name of a field a read or query may select, for a name in any case: Id, IsDeleted, a
   * Contact's Name, a Task's IsClosed, or a writable field; null when the type has no such field.
   */
  static String readable(SalesforceSchema.Type type, String field) {
    if (field.equalsIgnoreCase("Id")) return "Id";
    if (field.equalsIgnoreCase("IsDeleted")) return "IsDeleted";
    if (field.equalsIgnoreCase("Name") && type.name().equals("Contact")) return "Name";
    if (field.equalsIgnoreCase("IsClosed") && type.name().equals("Task")) return "IsClosed";
    return type.canonical(field);
  }

  /** With the duplicate rule on, a Contact whose Email another Contact has is refused. */
  private MockResponse duplicates(SalesforcePath path, SalesforceSchema.Type type, Map<String, Object> fields,
      SalesforceStore.Stored self) {
    if (!duplicateRule || !type.name().equals("Contact")) {
      return null;
    }
    Object email = fields.containsKey("Email") ? fields.get("Email")
        : self == null ? null : self.fields().get("Email");
    if (email == null) {
      return null;
    }
    List<SalesforceStore.Stored> matches = store.byField(type, "Email", email.toString()).stream()
        .filter(s -> self == null || !s.id().equals(self.id())).toList();
    return matches.isEmpty() ? null
        : SalesforceResponses.json(400, SalesforceResponses.duplicatesDetected(path, matches));
  }

  private static MockResponse notFound() {
    return SalesforceResponses.json(404, SalesforceResponses.NOT_FOUND);
  }
}
