package dev.actionlayer.salesforce;

import dev.actionlayer.Contact;
import dev.actionlayer.ContactChanges;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical contacts as Salesforce Contact records: FirstName, LastName, Email and Phone. The
 * company is the contact's Account: its name reads back from a list (a query can follow the
 * relationship, {@code Account.Name}; a get cannot), and the Account's id travels in {@code
 * extra.AccountId}, which is also how an update moves a contact to another Account. A company
 * cannot be written by name: that would mean finding or creating an Account.
 */
final class SalesforceContacts extends SObjectResource<NewContact, Contact, ContactChanges, ContactQuery> {
  static final String FIELDS = "Id,FirstName,LastName,Email,Phone,AccountId";
  private static final String SELECT = FIELDS + ",Account.Name";
  private static final List<String> EXTRAS = List.of("AccountId", "Title");

  SalesforceContacts(URI instance, SObjectEndpoint endpoint) {
    super(instance, endpoint, "contacts");
  }

  @Override
  Map<String, Object> fields(NewContact input) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (input.firstName() != null) fields.put("FirstName", input.firstName());
    fields.put("LastName", input.lastName());
    if (input.email() != null) fields.put("Email", input.email());
    return fields;
  }

  @Override
  Contact created(String id, NewContact input) {
    return new Contact(id, input.firstName(), input.lastName(), input.email(), null, null, url(id), Map.of());
  }

  @Override
  public Contact read(VendorResponse response) throws IOException {
    return contact(SalesforceJson.CONTACT.fromJson(response.bodyString()));
  }

  @Override
  Contact record(Object json) throws IOException {
    return contact(SalesforceJson.fromValue(SalesforceJson.CONTACT, json));
  }

  private Contact contact(SalesforceJson.ContactRecord r) throws IOException {
    if (r == null || r.id() == null || r.id().isBlank()) {
      throw new IOException("Contact record has no Id");
    }
    String company = r.account() == null ? null : r.account().name();
    Map<String, String> extra = r.accountId() == null ? Map.of() : Map.of("AccountId", r.accountId());
    return new Contact(r.id(), r.firstName(), r.lastName(), r.email(), r.phone(), company, url(r.id()), extra);
  }

  @Override
  Map<String, Object> changes(ContactChanges changes) {
    if (changes.company() != null) {
      throw unsupported("company", "a Salesforce Contact's company is its Account, not a name: give the Account's id"
          + " as extra.AccountId");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    if (changes.firstName() != null) fields.put("FirstName", emptyToNull(changes.firstName()));
    if (changes.lastName() != null) fields.put("LastName", changes.lastName());
    if (changes.email() != null) fields.put("Email", changes.email());
    if (changes.phone() != null) fields.put("Phone", emptyToNull(changes.phone()));
    putExtra(fields, changes.extra(), EXTRAS);
    return fields;
  }

  @Override
  String select() {
    return SELECT;
  }

  /** An exact email, and a name that contains the text (Salesforce's {@code Name} is first and last). */
  @Override
  List<String> conditions(ContactQuery query) {
    List<String> where = new ArrayList<>();
    if (query.email() != null) where.add("Email = " + SObjectEndpoint.soqlString(query.email()));
    if (query.name() != null) where.add("Name LIKE " + SObjectEndpoint.soqlContains(query.name()));
    return where;
  }

  @Override
  int pageSize(ContactQuery query) {
    return query.pageSize();
  }

  @Override
  String cursor(ContactQuery query) {
    return query.cursor();
  }

  static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
