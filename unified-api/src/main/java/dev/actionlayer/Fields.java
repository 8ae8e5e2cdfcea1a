package dev.actionlayer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation shared by the canonical records: failures are {@code INVALID_REQUEST} with field errors. */
final class Fields {
  private Fields() {}

  /** The largest page a list returns, whatever the caller asks. */
  static final int MAX_PAGE_SIZE = 100;
  /** The page size of a list that asks for none. */
  static final int DEFAULT_PAGE_SIZE = 25;
  private static final Pattern EXTRA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  static String required(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) throw ActionException.invalidField(field, "is required");
    return optional(value, field, maxLength);
  }

  static String optional(String value, String field, int maxLength) {
    if (value == null) return null;
    if (value.length() > maxLength) {
      throw ActionException.invalidField(field, "is longer than " + maxLength + " characters");
    }
    return value;
  }

  static String singleLine(String value, String field, int maxLength) {
    String v = required(value, field, maxLength);
    requireNoControl(v, field);
    return v;
  }

  /** A single line when given; null stays null (not given). */
  static String optionalLine(String value, String field, int maxLength) {
    return value == null ? null : singleLine(value, field, maxLength);
  }

  /** A single line, or {@code ""} to clear the field; null stays null (not given). */
  static String lineOrClear(String value, String field, int maxLength) {
    return value == null || value.isEmpty() ? value : singleLine(value, field, maxLength);
  }

  /** A calendar date {@code YYYY-MM-DD}, or {@code ""} to clear it; null stays null. */
  static String dateOrClear(String value, String field) {
    if (value == null || value.isEmpty()) return value;
    if (!DATE.matcher(value).matches()) throw ActionException.invalidField(field, "must be a date YYYY-MM-DD");
    try {
      LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ActionException.invalidField(field, "is not a calendar date");
    }
    return value;
  }

  /** Labels: at most 50, each one word (no whitespace) of at most 255 characters; null is none. */
  static List<String> labels(List<String> labels, String field) {
    if (labels == null) return null;
    if (labels.size() > 50) throw ActionException.invalidField(field, "has more than 50 labels");
    List<String> out = new ArrayList<>(labels.size());
    for (String label : labels) {
      String l = singleLine(label, field, 255);
      if (l.chars().anyMatch(Character::isWhitespace)) {
        throw ActionException.invalidField(field, "must not contain whitespace");
      }
      if (!out.contains(l)) out.add(l);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Vendor-specific fields, as data: at most 50 entries, names of letters, digits, {@code _.-}
   * (at most 64), values of at most 2,000 characters without control characters.
   */
  static Map<String, String> extra(Map<String, String> extra, String field) {
    if (extra == null || extra.isEmpty()) return Map.of();
    if (extra.size() > 50) throw ActionException.invalidField(field, "has more than 50 entries");
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (e.getKey() == null || !EXTRA_KEY.matcher(e.getKey()).matches()) {
        throw ActionException.invalidField(field, "has a name that is not letters, digits, '_', '.' or '-'");
      }
      String v = e.getValue() == null ? "" : e.getValue();
      if (v.length() > 2_000) throw ActionException.invalidField(field + "." + e.getKey(), "is longer than 2000 characters");
      requireNoControl(v, field + "." + e.getKey());
      out.put(e.getKey(), v);
    }
    return Collections.unmodifiableMap(out);
  }

  /** A page size: 0 means the default; at most {@link #MAX_PAGE_SIZE}. */
  static int pageSize(int pageSize) {
    if (pageSize < 0) throw ActionException.invalidField("pageSize", "must not be negative");
    return pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
  }

  /** An opaque cursor from an earlier page: one line of at most 2,048 characters, or null. */
  static String cursor(String cursor) {
    return cursor == null || cursor.isEmpty() ? null : singleLine(cursor, "cursor", 2_048);
  }

  static void email(String email, String field) {
    int at = email.indexOf('@');
    if (at < 1 || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
      throw ActionException.invalidField(field, "is not an email address");
    }
  }

  static void requireNoControl(String v, String field) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw ActionException.invalidField(field, "must not contain control characters or line breaks");
      }
    }
  }
}
