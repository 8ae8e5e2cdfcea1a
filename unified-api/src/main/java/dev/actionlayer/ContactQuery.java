package dev.actionlayer;

/**
 * The input of {@code contacts.list}: an exact {@code email}, a {@code name} the vendor's search
 * matches (each optional), a page size (0 for the default of 25; capped at 100) and the
 * {@link Page#nextCursor()} of the previous page, or null for the first.
 */
public record ContactQuery(String email, String name, int pageSize, String cursor) {
  public ContactQuery {
    email = Fields.optionalLine(email, "email", 254);
    name = Fields.optionalLine(name, "name", 255);
    pageSize = Fields.pageSize(pageSize);
    cursor = Fields.cursor(cursor);
  }

  /** Every contact, first page. */
  public static ContactQuery all() {
    return new ContactQuery(null, null, 0, null);
  }

  /** The contacts whose email is {@code email}. */
  public static ContactQuery byEmail(String email) {
    return new ContactQuery(email, null, 0, null);
  }

  /** This query for the page after {@code page}. */
  public ContactQuery next(Page<?> page) {
    return new ContactQuery(email, name, pageSize, page.nextCursor());
  }
}
