package dev.actionlayer.internal;

import dev.actionlayer.ActionError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a vendor said, made safe once for every connector: a connector copies the vendor's words
 * (message, field errors, code, request id) and this bounds them before they reach an agent, a
 * log or the audit. Secrets are removed first, so a cap never leaves half a secret behind.
 *
 * <ul>
 *   <li>{@code message()} and each {@code fieldErrors} value: one line (control, format and
 *       line-separator characters collapse to a space), at most {@value #MAX_TEXT} characters,
 *       the last one "…" when cut; a message left blank falls back to the status's description.
 *   <li>{@code fieldErrors}: at most {@value #MAX_FIELDS} entries; each name one line of at most
 *       {@value #MAX_FIELD_NAME} characters.
 *   <li>{@code vendorCode}: {@code [A-Za-z0-9._:/+=-]}, at most {@value #MAX_CODE} characters,
 *       else dropped whole (trimming an echoed token could leave it still secret).
 *   <li>a vendor request id, the connector's or the {@code requestIdHeader()}'s: words of {@code
 *       [A-Za-z0-9._:/+=-]} joined by single spaces (Asana's phrases), at most {@value #MAX_ID}
 *       characters, nothing a redaction would touch ({@code Bearer …}, a credential), else dropped.
 * </ul>
 */
final class VendorText {
  static final int MAX_TEXT = 300;
  static final int MAX_FIELDS = 50;
  static final int MAX_FIELD_NAME = 100;
  static final int MAX_CODE = 64;
  static final int MAX_ID = 128;

  private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\s]+");

  private VendorText() {}

  /**
   * The error with everything the vendor said bounded by the rules above.
   *
   * @param fallbackMessage the message when the vendor's is blank once made one line
   */
  static ActionError normalise(ActionError e, Redactor redactor, String fallbackMessage) {
    ActionError.Builder b = e.toBuilder();
    String message = text(redactor, e.message(), MAX_TEXT);
    b.message(message.isEmpty() ? fallbackMessage : message);
    b.vendorCode(code(redactor, e.vendorCode()));
    b.vendorRequestId(requestId(redactor, e.vendorRequestId()));
    if (!e.fieldErrors().isEmpty()) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (Map.Entry<String, String> f : e.fieldErrors().entrySet()) {
        if (fields.size() >= MAX_FIELDS) break;
        String name = text(redactor, f.getKey(), MAX_FIELD_NAME);
        if (!name.isEmpty()) fields.putIfAbsent(name, text(redactor, f.getValue(), MAX_TEXT));
      }
      b.clearFieldErrors().fieldErrors(fields);
    }
    return b.build();
  }

  /** The text without secrets, on one line, at most {@code max} characters ("…" when cut). */
  static String text(Redactor redactor, String text, int max) {
    if (text == null || text.isEmpty()) return "";
    String line = BREAKS.matcher(redactor.text(text)).replaceAll(" ").strip();
    if (line.length() <= max) return line;
    int end = max - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) end--; // never half a character
    return line.substring(0, end) + "\u2026";
  }

  /** A vendor's error code as it may be shown, or null. */
  static String code(Redactor redactor, String code) {
    if (code == null || code.isEmpty()) return null;
    String stripped = code.strip();
    // One word of a request id's characters: [A-Za-z0-9._:/+=-]{1,MAX_CODE}.
    boolean shaped = stripped.length() <= MAX_CODE && stripped.indexOf(' ') < 0 && isIdWords(stripped);
    return shaped && redactor.text(stripped).equals(stripped) ? stripped : null;
  }

  /** A vendor's request id as it may be shown and audited, or null. */
  static String requestId(Redactor redactor, String id) {
    if (id == null || id.isEmpty()) return null;
    String stripped = id.strip();
    if (stripped.length() > MAX_ID || !isIdWords(stripped)) return null;
    return redactor.text(stripped).equals(stripped) ? stripped : null;
  }

  /**
   * Whether {@code s} is words of {@link #isIdChar} characters joined by single spaces: the shape
   * of {@code [A-Za-z0-9._:/+=-]+(?: [A-Za-z0-9._:/+=-]+)*}, checked by hand because every audited
   * response with a request id goes through it (the pattern's matcher was a tenth of an event's cost).
   */
  static boolean isIdWords(String s) {
    int n = s.length();
    if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') return false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (s.charAt(i - 1) == ' ') return false;
      } else if (!isIdChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == ':' || c == '/' || c == '+' || c == '=' || c == '-';
  }
}
