package dev.actionlayer.describe;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folder;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;
import java.util.Map;

/** The generic connector: one description, one account (base URI, credentials, option values). Immutable. */
final class DescribedConnector implements Connector {
  private final Spec.Vendor spec;
  private final URI baseUri;
  private final Credentials credentials;
  private final Resource<NewTask, Task> tasks;
  private final Resource<NewContact, Contact> contacts;
  private final Resource<NewFolder, Folder> folders;

  DescribedConnector(Spec.Vendor spec, URI baseUri, Credentials credentials, Map<String, String> config) {
    this.spec = spec;
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.tasks = DescribedResource.of(spec, spec.resources().get("tasks"), config);
    this.contacts = DescribedResource.of(spec, spec.resources().get("contacts"), config);
    this.folders = DescribedResource.of(spec, spec.resources().get("folders"), config);
  }

  @Override
  public String vendor() {
    return spec.vendor();
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return tasks;
  }

  @Override
  public Resource<NewContact, Contact> contacts() {
    return contacts;
  }

  @Override
  public Resource<NewFolder, Folder> folders() {
    return folders;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return DescribedErrors.map(spec, response);
  }

  @Override
  public String requestIdHeader() {
    return spec.requestIdHeader();
  }

  @Override
  public VendorUsage usage(VendorResponse response) {
    return DescribedErrors.usage(spec.usage(), response);
  }

  @Override
  public String toString() {
    return "DescribedConnector{" + spec.vendor() + ", " + baseUri + ", " + credentials + "}";
  }
}
