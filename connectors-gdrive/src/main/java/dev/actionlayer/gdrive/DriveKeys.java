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
   * The {@code files.list} query for the files created under {@code idempotencyKey} and not in
   * the trash: {@code appProperties has { key='actionlayerKey' and value='<value>' } and trashed =
   * false}.
   */
  static String query(String idempotencyKey) {
    return "appProperties has { key=" + literal(PROPERTY) + " and value=" + literal(value(idempotencyKey))
        + " } and trashed = false";
  }

  /**
   * A Drive query string literal: single-quoted, with {@code \} and {@code '} escaped by a
   * backslash (backslashes first, or the quotes' escapes would be doubled). Keys are letters,
   * digits and dashes in practice; a caller-chosen key must still never end the literal early.
   */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
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
