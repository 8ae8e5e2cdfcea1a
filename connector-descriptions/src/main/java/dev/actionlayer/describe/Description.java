package dev.actionlayer.describe;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * A vendor described as data, read and checked by {@link Descriptions}: what the generic connector
 * needs to speak to it. Immutable; make connectors from it with {@link Descriptions#connector}.
 */
public final class Description {
  final Spec.Vendor spec;

  Description(Spec.Vendor spec) {
    this.spec = Objects.requireNonNull(spec);
  }

  /** The vendor's configuration name, e.g. {@code "todoist"}: the connector's {@code vendor()}. */
  public String vendor() {
    return spec.vendor();
  }

  /** The vendor's display name, e.g. {@code "Todoist"}, used in messages. */
  public String name() {
    return spec.name();
  }

  /** The vendor's public API root, or null when every account has its own. */
  public URI defaultBaseUri() {
    return spec.baseUri();
  }

  /** The option names the description declares ({@code {config.<name>}} in its templates). */
  public Set<String> options() {
    return spec.options().keySet();
  }

  /** The resources it describes: some of {@code tasks}, {@code contacts}, {@code folders}. */
  public Set<String> resources() {
    return spec.resources().keySet();
  }

  @Override
  public String toString() {
    return "Description{" + spec.vendor() + " " + spec.resources().keySet() + "}";
  }
}
