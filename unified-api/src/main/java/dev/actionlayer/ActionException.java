package dev.actionlayer;

import java.util.Objects;

/**
 * The one exception every Actionlayer call throws. Everything a caller (or a language model) needs
 * to act on is in {@link #error()}; the message is safe to show: it never holds a credential or a
 * full upstream body.
 */
public final class ActionException extends RuntimeException {
  private final ActionError error;

  public ActionException(ActionError error) {
    this(error, null);
  }

  public ActionException(ActionError error, Throwable cause) {
    super(Objects.requireNonNull(error, "error == null").toString(), cause, true, true);
    this.error = error;
  }

  /** The structured failure. */
  public ActionError error() {
    return error;
  }

  /** Shorthand for {@code error().code()}. */
  public ErrorCode code() {
    return error.code();
  }

  /** Shorthand for an {@link ErrorCode#INVALID_REQUEST} failure detected before any I/O. */
  public static ActionException invalid(String message) {
    return new ActionException(ActionError.builder(ErrorCode.INVALID_REQUEST).message(message).build());
  }

  /** Shorthand for an {@link ErrorCode#INVALID_REQUEST} failure naming the field to fix. */
  public static ActionException invalidField(String field, String problem) {
    return new ActionException(ActionError.builder(ErrorCode.INVALID_REQUEST)
        .message(field + " " + problem)
        .fieldError(field, problem)
        .build());
  }
}
