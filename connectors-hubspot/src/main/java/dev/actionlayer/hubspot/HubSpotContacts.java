package dev.actionlayer.hubspot;

import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
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
 * Canonical contacts as HubSpot contacts: {@code /crm/v3/objects/contacts}. Keyed creates upsert
 * by the configured unique property ({@code batch/upsert}); a list with a filter is a CRM search,
 * without one the plain (immediately consistent) list.
 */
final class HubSpotContacts implements Resource<NewContact, Contact>,
    Updatable<ContactChanges, Contact>, Listable<ContactQuery, Contact> {
  private static final String CONTACTS = "crm/v3/objects/contacts";
  private static final List<String> PROPERTIES = List.of("firstname", "lastname", "email", "phone", "company");
  private static final Pattern ID = Pattern.compile("\\d{1,20}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,256}");
  private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  /** The unique property creates upsert by, or null when creates are unkeyed. */
  private final String keyProperty;

  HubSpotContacts(String keyProperty) {
    this.keyProperty = keyProperty;
  }

  @Override
  public VendorRequest create(NewContact input, CallContext context) {
    Map<String, Object> properties = new LinkedHashMap<>();
    put(properties, "firstname", input.firstName());
    put(properties, "lastname", input.lastName());
    put(properties, "email", input.email());
    if (keyProperty == null) {
      return VendorRequest.post().path(CONTACTS).json(Json.write(Map.of("properties", properties))).build();
    }
    Map<String, Object> upsert = new LinkedHashMap<>();
    upsert.put("idProperty", keyProperty);
    upsert.put("id", context.idempotencyKey());
    upsert.put("properties", properties);
    return VendorRequest.post().path(CONTACTS + "/batch/upsert")
        .json(Json.write(Map.of("inputs", List.of(upsert)))).build();
  }

  @Override
  public Contact readCreated(VendorResponse response, NewContact input, CallContext context) throws IOException {
    return keyProperty == null ? read(response) : contact(first(object(response), "results"));
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(CONTACTS).segment(requireId(id)).query("properties", String.join(",", PROPERTIES)).build();
  }

  @Override
  public Contact read(VendorResponse response) throws IOException {
    return contact(object(response));
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(CONTACTS).segment(requireId(id)).build();
  }

  @Override
  public CreateSafety createSafety() {
    return keyProperty == null ? CreateSafety.UNSAFE : CreateSafety.KEYED;
  }

  /** A keyed create can be looked up by its key, so a saga learns whether it happened. */
  @Override
  public boolean canFind() {
    return keyProperty != null;
  }

  @Override
  public VendorRequest find(NewContact input, CallContext context) {
    if (keyProperty == null) throw new UnsupportedOperationException("creates are unkeyed");
    return search(List.of(List.of(filter(keyProperty, "EQ", context.idempotencyKey()))), 1, null);
  }

  @Override
  public Contact readFound(VendorResponse response, NewContact input, CallContext context) throws IOException {
    if (!(object(response).get("results") instanceof List<?> results)) throw new IOException("HubSpot's search answered without results");
    return results.isEmpty() ? null : contact(results.get(0));
  }

  @Override
  public VendorRequest update(String id, ContactChanges changes, CallContext context) {
    Map<String, Object> properties = new LinkedHashMap<>();
    put(properties, "firstname", changes.firstName());
    put(properties, "lastname", changes.lastName());
    put(properties, "email", changes.email());
    put(properties, "phone", changes.phone());
    put(properties, "company", changes.company());
    changes.extra().forEach((name, value) -> {
      if (!PROPERTY.matcher(name).matches()) throw ActionException.invalidField("extra", "names a property HubSpot cannot have: " + name);
      properties.put(name, value);
    });
    return VendorRequest.patch().path(CONTACTS).segment(requireId(id))
        .json(Json.write(Map.of("properties", properties))).build();
  }

  @Override
  public Contact readUpdated(VendorResponse response, String id, ContactChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest list(ContactQuery query, CallContext context) {
    String cursor = query.cursor();
    if (cursor != null && !CURSOR.matcher(cursor).matches()) throw ActionException.invalidField("cursor", "is not a HubSpot paging cursor");
    if (query.email() == null && query.name() == null) {
      VendorRequest.Builder b = VendorRequest.get().path(CONTACTS).query("limit", String.valueOf(query.pageSize()))
          .query("properties", String.join(",", PROPERTIES));
      return (cursor == null ? b : b.query("after", cursor)).build();
    }
    // filterGroups are ORed, the filters inside one ANDed: the email in each, the name as a first or a last name.
    List<Map<String, Object>> email = query.email() == null ? List.of() : List.of(filter("email", "EQ", query.email()));
    List<List<Map<String, Object>>> groups = new ArrayList<>();
    if (query.name() == null) groups.add(email);
    else for (String property : List.of("firstname", "lastname")) {
      List<Map<String, Object>> group = new ArrayList<>(email);
      group.add(filter(property, "CONTAINS_TOKEN", query.name()));
      groups.add(group);
    }
    return search(groups, query.pageSize(), cursor);
  }

  @Override
  public Page<Contact> readPage(VendorResponse response, ContactQuery query, CallContext context) throws IOException {
    Map<String, Object> body = object(response);
    if (!(body.get("results") instanceof List<?> results)) throw new IOException("HubSpot answered a list without results");
    List<Contact> contacts = new ArrayList<>();
    for (Object item : results) contacts.add(contact(item));
    return new Page<>(contacts, Json.string(Json.object(Json.object(body, "paging"), "next"), "after"));
  }

  private VendorRequest search(List<List<Map<String, Object>>> groups, int limit, String after) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Object> filterGroups = new ArrayList<>();
    for (List<Map<String, Object>> filters : groups) filterGroups.add(Map.of("filters", filters));
    body.put("filterGroups", filterGroups);
    Map<String, Object> sort = new LinkedHashMap<>();
    sort.put("propertyName", "hs_object_id");
    sort.put("direction", "ASCENDING");
    body.put("sorts", List.of(sort));
    body.put("properties", PROPERTIES);
    body.put("limit", limit);
    if (after != null) body.put("after", after);
    return VendorRequest.post().path(CONTACTS + "/search").json(Json.write(body)).build();
  }

  private static Map<String, Object> filter(String property, String operator, String value) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("propertyName", property);
    filter.put("operator", operator);
    filter.put("value", value);
    return filter;
  }

  /** A HubSpot object {@code {"id","properties":{…},"createdAt","updatedAt","archived"}} as a contact. */
  private static Contact contact(Object item) throws IOException {
    Map<?, ?> object = item instanceof Map<?, ?> map ? map : Map.of();
    if (!(object.get("id") instanceof String id) || id.isBlank()) throw new IOException("HubSpot answered without a contact id");
    Map<?, ?> p = object.get("properties") instanceof Map<?, ?> map ? map : Map.of();
    Map<String, String> extra = new LinkedHashMap<>();
    for (String name : List.of("createdAt", "updatedAt")) if (object.get(name) instanceof String v) extra.put(name, v);
    return new Contact(id, text(p, "firstname"), text(p, "lastname"), text(p, "email"), text(p, "phone"),
        text(p, "company"), object.get("url") instanceof String url ? url : null, extra);
  }

  /** HubSpot sends {@code null} or {@code ""} for a property without a value. */
  private static String text(Map<?, ?> properties, String name) {
    return properties.get(name) instanceof String v && !v.isEmpty() ? v : null;
  }

  private static Object first(Map<String, Object> body, String member) throws IOException {
    List<?> items = Json.array(body, member);
    if (items.isEmpty()) {
      List<?> errors = Json.array(body, "errors");
      if (!errors.isEmpty() && errors.get(0) instanceof Map<?, ?> e && e.get("message") instanceof String m) {
        throw ActionException.invalid("HubSpot: " + m);
      }
      throw new IOException("HubSpot answered the upsert without a result");
    }
    return items.get(0);
  }

  private static Map<String, Object> object(VendorResponse response) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null) throw new IOException("HubSpot's answer is not a JSON object");
    return body;
  }

  private static void put(Map<String, Object> properties, String name, String value) {
    if (value != null) properties.put(name, value);
  }

  /** Only HubSpot's numeric record ids reach the wire. */
  private static String requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) throw ActionException.invalidField("id", "is not a HubSpot record id (digits)");
    return id;
  }
}
