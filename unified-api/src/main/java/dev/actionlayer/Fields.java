package dev.actionlayer;

/** Validation shared by the canonical records: failures are {@code INVALID_REQUEST} with field errors. */
final class Fields {
  private Fields() {}

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
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw ActionException.invalidField(field, "must not contain control characters or line breaks");
      }
    }
    return v;
  }
}
