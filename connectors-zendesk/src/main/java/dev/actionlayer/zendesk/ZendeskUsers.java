package dev.actionlayer.zendesk;

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
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical contacts as Zendesk end users: {@code /api/v2/users}. Deleting a user deactivates it
 * ({@code "active": false}); such a user reads as {@code NOT_FOUND}.
 */
final class ZendeskUsers implements Resource<NewContact, Contact>,
    Updatable<ContactChanges, Contact>, Listable<ContactQuery, Contact> {
  private static final String USERS = "api/v2/users";
  private static final Pattern ID = Pattern.compile("\\d{1,20}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=+/-]{1,512}");

  /** The site, for each user's web address ({@code /agent/users/{id}}). */
  private final String site;

  ZendeskUsers(URI base) {
    String s = base.toString();
    this.site = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Upserts by {@code external_id} = the call's key. Looks first for a user holding the email,
   * which Zendesk would otherwise update: built once per logical call, so its repeats skip it.
   */
  @Override
  public VendorRequest create(NewContact input, CallContext context) {
    if (input.email() != null) {
      VendorResponse found = context.exchange(search("email:" + quoted(input.email(), "email"), 100, null));
      if (!found.isSuccessful()) throw context.failure(found);
      List<?> holders;
      try {
        holders = users(found);
      } catch (IOException e) {
        throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(true)
            .message("Zendesk's user search could not be read; nothing was created").build());
      }
      for (Object user : holders) {
        Map<?, ?> u = (Map<?, ?>) user;
        boolean ours = u.get("external_id") instanceof String key && key.equalsIgnoreCase(context.idempotencyKey());
        if (input.email().equalsIgnoreCase(String.valueOf(u.get("email"))) && !ours) {
          String id = u.get("id") instanceof Number n ? String.valueOf(n.longValue()) : "?";
          throw new ActionException(ActionError.builder(ErrorCode.CONFLICT).vendorCode("DuplicateValue")
              .message("Zendesk: user " + id + " already has this email; nothing was created")
              .fieldError("email", "is already the email of Zendesk user " + id).build());
        }
      }
    }
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", name(input.firstName(), input.lastName()));
    if (input.email() != null) user.put("email", input.email());
    user.put("external_id", context.idempotencyKey());
    user.put("role", "end-user");
    user.put("skip_verify_email", true);
    return VendorRequest.post().path(USERS + "/create_or_update").json(Json.write(Map.of("user", user))).build();
  }

  @Override
  public Contact readCreated(VendorResponse response, NewContact input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return VendorRequest.get().path(USERS).segment(requireId(id)).build();
  }

  @Override
  public Contact read(VendorResponse response) throws IOException {
    Map<String, Object> user = Json.object(body(response), "user");
    if (user != null && Boolean.FALSE.equals(user.get("active"))) {
      throw new ActionException(ActionError.builder(ErrorCode.NOT_FOUND).message("Zendesk: the user was deleted").build());
    }
    return contact(user);
  }

  @Override
  public VendorRequest delete(String id) {
    return VendorRequest.delete().path(USERS).segment(requireId(id)).build();
  }

  @Override
  public CreateSafety createSafety() {
    return CreateSafety.KEYED;
  }

  /** Zendesk finds a user by external id at once, so a saga learns whether a create happened. */
  @Override
  public boolean canFind() {
    return true;
  }

  @Override
  public VendorRequest find(NewContact input, CallContext context) {
    return VendorRequest.get().path(USERS + "/search").query("external_id", context.idempotencyKey()).build();
  }

  @Override
  public Contact readFound(VendorResponse response, NewContact input, CallContext context) throws IOException {
    List<?> users = users(response);
    return users.isEmpty() ? null : contact((Map<?, ?>) users.get(0));
  }

  @Override
  public VendorRequest update(String id, ContactChanges changes, CallContext context) {
    if (changes.email() != null) {
      throw new ActionException(ActionError.builder(ErrorCode.UNSUPPORTED).fieldError("email", "cannot be replaced by an update")
          .message("Zendesk adds an email sent in an update as a secondary identity: change the primary email in Zendesk").build());
    }
    Map<String, Object> user = new LinkedHashMap<>();
    if (changes.firstName() != null || changes.lastName() != null) {
      String first = changes.firstName();
      String last = changes.lastName();
      if (first == null || last == null) {
        VendorResponse current = context.exchange(get(id));
        if (!current.isSuccessful()) throw context.failure(current);
        try {
          Contact now = read(current);
          first = first != null ? first : now.firstName();
          last = last != null ? last : now.lastName();
        } catch (IOException e) {
          throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR)
              .message("Zendesk's user could not be read before changing its name").build());
        }
      }
      user.put("name", name(first == null || first.isEmpty() ? null : first, last == null ? "" : last).strip());
    }
    if (changes.phone() != null) user.put("phone", changes.phone().isEmpty() ? null : changes.phone());
    if (changes.company() != null) {
      if (!changes.company().isEmpty() && !ID.matcher(changes.company()).matches()) {
        throw ActionException.invalidField("company", "is the id of a Zendesk organization (digits)");
      }
      user.put("organization_id", changes.company().isEmpty() ? null : Long.valueOf(changes.company()));
    }
    if (!changes.extra().isEmpty()) user.put("user_fields", changes.extra());
    return VendorRequest.put().path(USERS).segment(requireId(id)).json(Json.write(Map.of("user", user))).build();
  }

  @Override
  public Contact readUpdated(VendorResponse response, String id, ContactChanges changes, CallContext context)
      throws IOException {
    return read(response);
  }

  /** End users a page at a time; an email or a name is a user search, in Zendesk's search syntax. */
  @Override
  public VendorRequest list(ContactQuery query, CallContext context) {
    String cursor = query.cursor();
    if (cursor != null && !CURSOR.matcher(cursor).matches()) throw ActionException.invalidField("cursor", "is not a Zendesk cursor");
    if (query.email() == null && query.name() == null) {
      VendorRequest.Builder b = VendorRequest.get().path(USERS).query("role", "end-user")
          .query("page[size]", String.valueOf(query.pageSize()));
      return (cursor == null ? b : b.query("page[after]", cursor)).build();
    }
    List<String> terms = new ArrayList<>();
    terms.add("role:end-user");
    if (query.email() != null) terms.add("email:" + quoted(query.email(), "email"));
    if (query.name() != null) terms.add("name:" + quoted(query.name(), "name"));
    return search(String.join(" ", terms), query.pageSize(), cursor);
  }

  @Override
  public Page<Contact> readPage(VendorResponse response, ContactQuery query, CallContext context) throws IOException {
    List<Contact> contacts = new ArrayList<>();
    for (Object user : users(response)) {
      if (!Boolean.FALSE.equals(((Map<?, ?>) user).get("active"))) contacts.add(contact((Map<?, ?>) user));
    }
    Map<String, Object> meta = Json.object(body(response), "meta");
    return new Page<>(contacts, meta != null && Boolean.TRUE.equals(meta.get("has_more")) ? Json.string(meta, "after_cursor") : null);
  }

  private static VendorRequest search(String query, int size, String cursor) {
    VendorRequest.Builder b = VendorRequest.get().path(USERS + "/search").query("query", query)
        .query("page[size]", String.valueOf(size));
    return (cursor == null ? b : b.query("page[after]", cursor)).build();
  }

  /** A value as one quoted search term; quotes and backslashes cannot be escaped in Zendesk's syntax. */
  private static String quoted(String value, String field) {
    if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
      throw ActionException.invalidField(field, "cannot contain quotes or backslashes in a Zendesk search");
    }
    return "\"" + value + "\"";
  }

  private Contact contact(Map<?, ?> user) throws IOException {
    if (user == null || !(user.get("id") instanceof Number number)) throw new IOException("Zendesk answered without a user id");
    String id = String.valueOf(number.longValue());
    String name = user.get("name") instanceof String n ? n.strip() : "";
    int space = name.indexOf(' ');
    Map<String, String> extra = new LinkedHashMap<>();
    for (String key : List.of("external_id", "role", "created_at", "updated_at")) {
      if (user.get(key) instanceof String v) extra.put(key, v);
    }
    Object org = user.get("organization_id");
    return new Contact(id, space < 0 ? null : name.substring(0, space), space < 0 ? name : name.substring(space + 1),
        text(user.get("email")), text(user.get("phone")), org instanceof Number n ? String.valueOf(n.longValue()) : null,
        site + "/agent/users/" + id, extra);
  }

  private static List<?> users(VendorResponse response) throws IOException {
    Map<String, Object> body = body(response);
    if (!(body.get("users") instanceof List<?> users)) throw new IOException("Zendesk answered without users");
    for (Object user : users) if (!(user instanceof Map<?, ?>)) throw new IOException("Zendesk answered a user that is not an object");
    return users;
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }

  private static String name(String first, String last) {
    return first == null ? last : first + " " + last;
  }

  private static Map<String, Object> body(VendorResponse response) throws IOException {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    if (body == null) throw new IOException("Zendesk's answer is not a JSON object");
    return body;
  }

  /** Only Zendesk's numeric user ids reach the wire. */
  private static String requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) throw ActionException.invalidField("id", "is not a Zendesk user id (digits)");
    return id;
  }
}
