package dev.actionlayer.saga;

import java.util.Objects;

/**
 * A record a saga step created: where it lives and its vendor id.
 *
 * @param resource {@code tasks}, {@code contacts} or {@code folders}
 */
public record SagaRecord(String connection, String resource, String id) {
  public SagaRecord {
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(resource, "resource == null");
    Objects.requireNonNull(id, "id == null");
  }
}
