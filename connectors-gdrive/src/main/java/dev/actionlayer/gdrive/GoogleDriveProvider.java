package dev.actionlayer.gdrive;

import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** {@code vendor=gdrive} in configuration: {@link GoogleDrive}, with option {@code supportsAllDrives} ({@code true}/{@code false}). */
public final class GoogleDriveProvider implements ConnectorProvider {
  @Override
  public String vendor() {
    return "gdrive";
  }

  @Override
  public URI defaultBaseUri() {
    return GoogleDrive.DEFAULT_BASE_URI;
  }

  @Override
  public Set<String> options() {
    return Set.of("supportsAllDrives");
  }

  @Override
  public Connector connector(URI baseUri, Credentials credentials, Map<String, String> options) {
    GoogleDrive.Builder b = GoogleDrive.builder(baseUri == null ? GoogleDrive.DEFAULT_BASE_URI : baseUri, credentials);
    String all = options.get("supportsAllDrives");
    if (all != null) {
      if (!all.equals("true") && !all.equals("false")) throw new IllegalArgumentException("supportsAllDrives: must be true or false");
      b.supportsAllDrives(Boolean.parseBoolean(all));
    }
    return b.build();
  }
}
