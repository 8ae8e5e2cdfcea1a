package dev.actionlayer.asana;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/**
 * Asana behind the connector SPI: tasks only. The record's accessors are {@link #baseUri()} and
 * {@link #credentials()}; its {@code toString} shows no secret ({@link Credentials} never does).
 */
record AsanaConnector(URI baseUri, Credentials credentials) implements Connector {
  private static final AsanaTasks TASKS = new AsanaTasks();

  @Override
  public String vendor() {
    return "asana";
  }

  @Override
  public Resource<NewTask, Task> tasks() {
    return TASKS;
  }

  @Override
  public ActionError mapError(VendorResponse response) {
    return AsanaErrors.map(response);
  }
}
