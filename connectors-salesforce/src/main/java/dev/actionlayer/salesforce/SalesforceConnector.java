package dev.actionlayer.salesforce;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;

/** Salesforce REST (sObjects) behind the connector SPI. Immutable and thread-safe. */
final class SalesforceConnector implements Connector {
  private final URI instanceUri;
  private final Credentials credentials;
  private final SalesforceContacts contacts;
  private final SalesforceTasks tasks;

  SalesforceConnector(URI instanceUri, Credentials credentials, SalesforceContacts contacts,
      SalesforceTasks tasks) {
    this.instanceUri = instanceUri;
    this.credentials = credentials;
    this.contacts = contacts;
    this.tasks = tasks;
  }

  @Override
  public String vendor() {
    return "salesforce";
  }

  @Override
  public URI baseUri() {
    return instanceUri;
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return contacts;
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return tasks;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return SalesforceErrors.map(response);
  }

  @Override
  public VendorUsage usage(VendorResponse response) {
    return SalesforceLimits.usage(response);
  }

  @Override
  public String toString() {
    return "Salesforce{" + instanceUri + ", " + credentials + ", " + contacts + ", " + tasks + "}";
  }
}
