package dev.actionlayer;

import java.util.Map;

/**
 * The input of {@code contacts.update}: a partial change, where only the fields given (not null)
 * are sent; {@code ""} clears {@code firstName}, {@code phone} or {@code company}. Invalid values,
 * or no field at all, throw {@link ActionException} with {@link ErrorCode#INVALID_REQUEST}.
 */
public record ContactChanges(String firstName, String lastName, String email, String phone,
    String company, Map<String, String> extra) {
  public ContactChanges {
    firstName = Fields.lineOrClear(firstName, "firstName", 40);
    lastName = Fields.optionalLine(lastName, "lastName", 80);
    email = Fields.optionalLine(email, "email", 254);
    if (email != null) Fields.email(email, "email");
    phone = Fields.lineOrClear(phone, "phone", 40);
    company = Fields.lineOrClear(company, "company", 255);
    extra = Fields.extra(extra, "extra");
    if (firstName == null && lastName == null && email == null && phone == null && company == null
        && extra.isEmpty()) {
      throw ActionException.invalidField("changes", "name at least one field to change");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ContactChanges}; a field left unset is not changed. */
  public static final class Builder {
    private String firstName;
    private String lastName;
    private String email;
    private String phone;
    private String company;
    private Map<String, String> extra;

    private Builder() {}

    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    public Builder lastName(String lastName) {
      this.lastName = lastName;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    public Builder company(String company) {
      this.company = company;
      return this;
    }

    public Builder extra(Map<String, String> extra) {
      this.extra = extra;
      return this;
    }

    public ContactChanges build() {
      return new ContactChanges(firstName, lastName, email, phone, company, extra);
    }
  }
}
