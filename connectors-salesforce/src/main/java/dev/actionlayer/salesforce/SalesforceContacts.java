package dev.actionlayer.salesforce;

import dev.actionlayer.Contact;
import dev.actionlayer.NewContact;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Canonical contacts as Salesforce Contact records: FirstName, LastName and Email. */
final class SalesforceContacts implements Resource<NewContact, Contact> {
  static final String FIELDS = "Id,FirstName,LastName,Email";

  private final SObjectEndpoint endpoint;

  SalesforceContacts(SObjectEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public VendorRequest create(NewContact input, CallContext context) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (input.firstName() != null) fields.put("FirstName", input.firstName());
    fields.put("LastName", input.lastName());
    if (input.email() != null) fields.put("Email", input.email());
    return endpoint.create(fields, context);
  }

  @Override
  public Contact readCreated(VendorResponse response, NewContact input, CallContext context)
      throws IOException {
    String id = endpoint.createdId(response);
    if (id == null) return read(endpoint.readBack(context));
    return new Contact(id, input.firstName(), input.lastName(), input.email());
  }

  @Override
  public VendorRequest get(String id) {
    return endpoint.get(id);
  }

  @Override
  public Contact read(VendorResponse response) throws IOException {
    SalesforceJson.ContactRecord record = SalesforceJson.CONTACT.fromJson(response.bodyString());
    if (record == null || record.id() == null || record.id().isBlank()) {
      throw new IOException("Contact record has no Id");
    }
    return new Contact(record.id(), record.firstName(), record.lastName(), record.email());
  }

  @Override
  public VendorRequest delete(String id) {
    return endpoint.delete(id);
  }

  @Override
  public CreateSafety createSafety() {
    return endpoint.createSafety();
  }

  @Override
  public String toString() {
    return "contacts{" + endpoint + "}";
  }
}
