package dev.actionlayer;

/**
 * The input of {@code contacts.create}: {@code lastName} is required; {@code firstName} and
 * {@code email} may be null. Invalid values throw {@link ActionException} with
 * {@link ErrorCode#INVALID_REQUEST}.
 */
public record NewContact(String firstName, String lastName, String email) {
  public NewContact {
    firstName = firstName == null ? null : Fields.singleLine(firstName, "firstName", 40);
    lastName = Fields.singleLine(lastName, "lastName", 80);
    if (email != null) {
      email = Fields.singleLine(email, "email", 254);
      Fields.email(email, "email");
    }
  }
}
