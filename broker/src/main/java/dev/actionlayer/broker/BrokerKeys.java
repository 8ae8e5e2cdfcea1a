package dev.actionlayer.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Broker keys: what an agent sends as {@code Authorization: Bearer <key>}, and the hash of it
 * that the principals file holds instead of the key. A key is {@code al_} followed by 32 random
 * bytes from {@link SecureRandom} in base64url without padding (46 characters); its hash is
 * {@code sha256:} and 64 lowercase hex digits. Thread-safe.
 */
public final class BrokerKeys {
  /** What every key starts with, so that a leaked one is recognisable (and greppable). */
  public static final String PREFIX = "al_";
  /** What every hash in a principals file starts with. */
  public static final String HASH_PREFIX = "sha256:";

  private static final SecureRandom RANDOM = new SecureRandom();

  private BrokerKeys() {}

  /** A new random key. Show it once; store only {@link #hash}. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The principals file's form of {@code key}: {@code sha256:<64 hex>} of its UTF-8 bytes.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static String hash(String key) {
    return HASH_PREFIX + HexFormat.of().formatHex(digest(Objects.requireNonNull(key, "key == null")));
  }

  /** SHA-256 of the key's UTF-8 bytes. */
  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
