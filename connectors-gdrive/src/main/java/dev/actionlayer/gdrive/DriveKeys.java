package dev.actionlayer.gdrive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The idempotency key as the {@code appProperties} entry every created folder carries. Drive caps
 * a property at 124 bytes, key and value together, so a longer key is stored as its digest.
 */
final class DriveKeys {
  static final String PROPERTY = "actionlayerKey";
  private static final int MAX_VALUE_BYTES = 124 - PROPERTY.length();

  private DriveKeys() {}

  /** The property value for {@code idempotencyKey}: itself when it fits, else its SHA-256. */
  static String value(String idempotencyKey) {
    byte[] bytes = idempotencyKey.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_VALUE_BYTES) return idempotencyKey;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "sha256-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Whether {@code file} was created under {@code idempotencyKey}; a file without the property
   * (not returned, or created before it existed) cannot be told apart and counts as a match.
   */
  static boolean matches(DriveJson.File file, String idempotencyKey) {
    String stored = file.appProperties() == null ? null : file.appProperties().get(PROPERTY);
    return stored == null || stored.equals(value(idempotencyKey));
  }
}
