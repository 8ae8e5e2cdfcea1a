package dev.actionlayer.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * FakeJira's {@code nextPageToken}s: opaque URL-safe text (as Jira's are), holding the offset of
 * the next page and a hash of the JQL, so that a token is refused with another query.
 */
final class JiraPageTokens {

  private JiraPageTokens() {}

  static String token(int offset, String jql) {
    String plain = "o=" + offset + ";q=" + Integer.toHexString(jql.hashCode());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The offset {@code token} holds, or -1 when it is not a token of this query. */
  static int offset(String token, String jql) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    String suffix = ";q=" + Integer.toHexString(jql.hashCode());
    if (!plain.startsWith("o=") || !plain.endsWith(suffix)) return -1;
    String number = plain.substring(2, plain.length() - suffix.length());
    return number.matches("\\d{1,9}") ? Integer.parseInt(number) : -1;
  }
}
