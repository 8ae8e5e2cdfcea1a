package dev.actionlayer.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The principals file as the broker uses it: read at start (a bad file stops the start), then
 * re-read when its content changes, checked at most once a second on the way of a request — so
 * a key deleted from the file is refused from the next second on, without a restart. A file that
 * becomes unreadable or invalid refuses every key (fail closed) until it is fixed, and says why
 * in the log; {@link #healthy()} turns false meanwhile. Thread-safe.
 */
final class Principals {
  private static final Logger log = LoggerFactory.getLogger(Principals.class);
  static final long CHECK_EVERY_NANOS = 1_000_000_000L;

  private final Path file;
  private final LongSupplier nanoTime;
  private final java.util.function.Consumer<java.util.Set<String>> onReload;
  private volatile Snapshot current;
  private volatile long nextCheck;

  /** What one reading of the file gave: its entries, or none and why. */
  private record Snapshot(byte[] content, List<PrincipalsFile.Entry> entries, String problem) {}

  /** @throws IllegalArgumentException when the file cannot be read or is invalid */
  Principals(Path file, LongSupplier nanoTime) {
    this(file, nanoTime, names -> {});
  }

  /**
   * @param onReload told the principals' names after each re-read that found a changed, valid file
   * @throws IllegalArgumentException when the file cannot be read or is invalid
   */
  Principals(Path file, LongSupplier nanoTime, java.util.function.Consumer<java.util.Set<String>> onReload) {
    this.file = file;
    this.nanoTime = nanoTime;
    this.onReload = onReload;
    Snapshot first = read(null);
    if (first.problem != null) throw new IllegalArgumentException(first.problem);
    current = first;
    nextCheck = nanoTime.getAsLong() + CHECK_EVERY_NANOS;
  }

  /**
   * The principal whose key is {@code key}, if any. The key's SHA-256 is compared with every
   * principal's hash, each comparison in constant time and none cut short, so the time taken does
   * not tell how close a guess came nor which principal matched.
   */
  Optional<Principal> authenticate(String key) {
    refreshIfDue();
    byte[] digest = BrokerKeys.digest(key);
    Principal found = null;
    for (PrincipalsFile.Entry e : current.entries) {
      if (MessageDigest.isEqual(digest, e.keyHash()) && found == null) found = e.principal();
    }
    return Optional.ofNullable(found);
  }

  /** Whether the file was valid when last read. */
  boolean healthy() {
    refreshIfDue();
    return current.problem == null;
  }

  private void refreshIfDue() {
    long now = nanoTime.getAsLong();
    if (now - nextCheck < 0) return;
    synchronized (this) {
      if (now - nextCheck < 0) return;
      nextCheck = now + CHECK_EVERY_NANOS;
      Snapshot before = current;
      Snapshot after = read(before);
      if (after == before) return;
      current = after;
      if (after.problem != null) {
        log.error("principals file no longer usable, refusing every key until it is fixed: {}", after.problem);
      } else {
        log.info("principals file re-read: {} principals", after.entries.size());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (PrincipalsFile.Entry e : after.entries) names.add(e.principal().name());
        try {
          onReload.accept(names);
        } catch (RuntimeException e) {
          log.warn("acting on the re-read principals file failed", e);
        }
      }
    }
  }

  /** Reads the file; returns {@code before} itself when the content has not changed. */
  private Snapshot read(Snapshot before) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return failed(before, "no principals file " + file);
    } catch (IOException e) {
      return failed(before, "cannot read principals file " + file + ": " + e.getClass().getSimpleName());
    }
    if (before != null && before.content != null && Arrays.equals(before.content, content)) return before;
    try {
      return new Snapshot(content, PrincipalsFile.parse(content, file.toString()), null);
    } catch (IllegalArgumentException e) {
      return new Snapshot(content, List.of(), e.getMessage());
    }
  }

  private static Snapshot failed(Snapshot before, String problem) {
    if (before != null && problem.equals(before.problem)) return before;
    return new Snapshot(null, List.of(), problem);
  }
}
