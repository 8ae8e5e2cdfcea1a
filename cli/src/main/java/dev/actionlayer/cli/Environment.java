package dev.actionlayer.cli;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process environment as the commands see it: the real one in {@link Main#main}, a map a test
 * supplies otherwise. Commands receive it through their constructor (see {@link Main}), never by
 * reading {@link System#getenv()} themselves.
 */
public record Environment(Map<String, String> variables) {
  public Environment {
    variables = Map.copyOf(Objects.requireNonNull(variables, "variables == null"));
  }

  /** The environment of this process. */
  public static Environment system() {
    return new Environment(System.getenv());
  }

  /** The value of {@code name}, empty when it is unset or blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** Never the values: they may be credentials. */
  @Override
  public String toString() {
    return "Environment" + variables.keySet();
  }
}
