package dev.actionlayer.salesforce;

import dev.actionlayer.Contact;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical contacts as Salesforce Contact records: FirstName, LastName and Email. */
final class SalesforceContacts extends SObjectResource<NewContact, Contact> {
  static final String FIELDS = "Id,FirstName,LastName,Email";

  SalesforceContacts(SObjectEndpoint endpoint) {
    super(endpoint, "contacts");
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
    return new Contact(id, input.firstName(), input.lastName(), input.email());
  }

  @Override
  public Contact read(VendorResponse response) throws IOException {
    return contact(SalesforceJson.CONTACT.fromJson(response.bodyString()));
  }

  @Override
  Contact record(Object json) throws IOException {
    return contact(SalesforceJson.fromValue(SalesforceJson.CONTACT, json));
  }

  private static Contact contact(SalesforceJson.ContactRecord record) throws IOException {
    if (record == null || record.id() == null || record.id().isBlank()) {
      throw new IOException("Contact record has no Id");
    }
    return new Contact(record.id(), record.firstName(), record.lastName(), record.email());
  }
}
