package dev.actionlayer.pipedrive;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical contacts as Pipedrive persons: {@code /api/v2/persons}. Pipedrive stores one
 * {@code name}; a change of only the first or the last name reads the person first.
 */
final class PipedrivePersons implements Resource<NewContact, Contact>,
    Updatable<ContactChanges, Contact>, Listable<ContactQuery, Contact> {
  private static final String PERSONS = "api/v2/persons";
  private static final Pattern ID = Pattern.compile("\\d{1,18}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=+/-]{1,512}");

  /** The custom field creates carry their key in, or null when creates are unkeyed. */
  private final String keyField;

  PipedrivePersons(String keyField) {
    this.keyField = keyField;
  }

  @Override
  public VendorRequest create(NewContact input, CallContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name(input.firstName(), input.lastName()));
    if (input.email() != null) body.put("emails", List.of(item(input.email())));
    if (keyField != null) body.put("custom_fields", Map.of(keyField, context.idempotencyKey()));
    return VendorRequest.post().path(PERSONS).json(Json.write(body)).build();
  }

  @Override
  public Contact readCreated(VendorResponse response, NewContact input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(PERSONS).segment(requireId(id)).build();
  }

  @Override
  public Contact read(VendorResponse response) throws IOException {
    Map<?, ?> person = Json.object(body(response), "data");
    if (person != null && Boolean.TRUE.equals(person.get("is_deleted"))) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND).message("Pipedrive: the person was deleted").build());
    }
    return contact(person);
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(PERSONS).segment(requireId(id)).build();
  }

  @Override
  public CreateSafety createSafety() {
    return keyField == null ? CreateSafety.UNSAFE : CreateSafety.FINDABLE;
  }

  @Override
  public VendorRequest find(NewContact input, CallContext context) {
    if (keyField == null) throw new UnsupportedOperationException("creates are unkeyed");
    return VendorRequest.get().path(PERSONS + "/search").query("term", context.idempotencyKey())
        .query("fields", "custom_fields").query("exact_match", "true").query("limit", "1").build();
  }

  @Override
  public Contact readFound(VendorResponse response, NewContact input, CallContext context) throws IOException {
    List<Contact> found = readPage(response, null, context).items();
    return found.isEmpty() ? null : found.get(0);
  }

  /** Sends absolute values: the whole email and phone lists, the whole name. */
  @Override
  public VendorRequest update(String id, ContactChanges changes, CallContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (changes.firstName() != null || changes.lastName() != null) {
      String first = changes.firstName();
      String last = changes.lastName();
      if (first == null || last == null) {
        VendorResponse current = context.exchange(get(id));
        if (!current.isSuccessful()) throw context.failure(current);
        Contact now;
        try {
          now = read(current);
        } catch (IOException e) {
          throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR)
              .message("Pipedrive's person could not be read before changing its name").build());
        }
        first = first != null ? first : now.firstName();
        last = last != null ? last : now.lastName();
      }
      body.put("name", name(blankToNull(first), last == null ? "" : last).strip());
    }
    if (changes.email() != null) body.put("emails", List.of(item(changes.email())));
    if (changes.phone() != null) body.put("phones", changes.phone().isEmpty() ? List.of() : List.of(item(changes.phone())));
    if (changes.company() != null) {
      if (!changes.company().isEmpty() && !ID.matcher(changes.company()).matches()) {
        throw ActionException.invalidField("company", "is the id of a Pipedrive organization (digits)");
      }
      body.put("org_id", changes.company().isEmpty() ? null : Long.valueOf(changes.company()));
    }
    if (!changes.extra().isEmpty()) body.put("custom_fields", changes.extra());
    return VendorRequest.patch().path(PERSONS).segment(requireId(id)).json(Json.write(body)).build();
  }

  @Override
  public Contact readUpdated(VendorResponse response, String id, ContactChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest list(ContactQuery query, CallContext context) {
    String cursor = query.cursor();
    if (cursor != null && !CURSOR.matcher(cursor).matches()) throw ActionException.invalidField("cursor", "is not a Pipedrive cursor");
    VendorRequest.Builder b;
    if (query.email() != null && query.name() != null) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).fieldError("name", "Pipedrive searches one term")
          .message("Pipedrive searches persons by one term: list by email or by name, not both").build());
    } else if (query.email() != null) {
      b = VendorRequest.get().path(PERSONS + "/search").query("term", query.email()).query("fields", "email")
          .query("exact_match", "true");
    } else if (query.name() != null) {
      if (query.name().length() < 2) throw ActionException.invalidField("name", "needs at least 2 characters for Pipedrive's search");
      b = VendorRequest.get().path(PERSONS + "/search").query("term", query.name()).query("fields", "name");
    } else {
      b = VendorRequest.get().path(PERSONS);
    }
    b.query("limit", String.valueOf(query.pageSize()));
    return (cursor == null ? b : b.query("cursor", cursor)).build();
  }

  /** Reads a list ({@code data} is the persons) or a search ({@code data.items[].item}). */
  @Override
  public Page<Contact> readPage(VendorResponse response, ContactQuery query, CallContext context) throws IOException {
    Map<String, Object> body = body(response);
    List<?> items = body.get("data") instanceof List<?> list ? list : null;
    if (items == null && body.get("data") instanceof Map<?, ?> data && data.get("items") instanceof List<?> found) {
      List<Object> persons = new ArrayList<>();
      for (Object hit : found) persons.add(hit instanceof Map<?, ?> m ? m.get("item") : null);
      items = persons;
    }
    if (items == null) throw new IOException("Pipedrive answered a list without data");
    List<Contact> contacts = new ArrayList<>();
    for (Object person : items) contacts.add(contact(person instanceof Map<?, ?> m ? m : null));
    return new Page<>(contacts, Json.string(Json.object(body, "additional_data"), "next_cursor"));
  }

  /** A v2 person, or a search hit's item (its emails and phones are plain strings there). */
  private static Contact contact(Map<?, ?> person) throws IOException {
    if (person == null || !(person.get("id") instanceof Number number)) throw new IOException("Pipedrive answered without a person id");
    String name = person.get("name") instanceof String n ? n : "";
    String first = person.get("first_name") instanceof String f ? f : null;
    String last = person.get("last_name") instanceof String l ? l : null;
    if (first == null && last == null) {
      int space = name.indexOf(' ');
      first = space < 0 ? null : name.substring(0, space);
      last = space < 0 ? name : name.substring(space + 1);
    } else if (blankToNull(last) == null) {
      // A one-word name is Pipedrive's first_name; canonically it is the (required) last name.
      last = first;
      first = null;
    }
    Object org = person.get("org_id") != null ? person.get("org_id")
        : person.get("organization") instanceof Map<?, ?> o ? o.get("id") : null;
    Map<String, String> extra = new LinkedHashMap<>();
    for (String key : List.of("add_time", "update_time")) if (person.get(key) instanceof String v) extra.put(key, v);
    return new Contact(String.valueOf(number.longValue()), blankToNull(first), blankToNull(last), primary(person.get("emails")),
        primary(person.get("phones")), org instanceof Number n ? String.valueOf(n.longValue()) : null, null, extra);
  }

  /** The primary value of {@code [{"value","primary","label"}]}, or the first of a search hit's strings. */
  private static String primary(Object values) {
    String first = null;
    for (Object v : values instanceof List<?> list ? list : List.of()) {
      if (v instanceof String s && first == null) first = s;
      if (v instanceof Map<?, ?> m && m.get("value") instanceof String s) {
        if (Boolean.TRUE.equals(m.get("primary"))) return blankToNull(s);
        if (first == null) first = s;
      }
    }
    return blankToNull(first);
  }

  private static Map<String, Object> item(String value) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("value", value);
    item.put("primary", true);
    item.put("label", "work");
    return item;
  }

  private static String name(String first, String last) {
    return first == null ? last : first + " " + last;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Map<String, Object> body(VendorResponse response) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null) throw new IOException("Pipedrive's answer is not a JSON object");
    return body;
  }

  /** Only Pipedrive's numeric ids reach the wire. */
  private static String requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) throw ActionException.invalidField("id", "is not a Pipedrive person id (digits)");
    return id;
  }
}
