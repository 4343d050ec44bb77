package io.github.sparkbitbucket.emulator.query;

/**
 * A query ({@code q=}), sort ({@code sort=}) or partial-response ({@code fields=}) parameter the
 * emulator cannot accept. The message is written for the {@code error.message} of a 400 response body,
 * in the style of Bitbucket Cloud's own ("Invalid query: ..."), and always names what to fix.
 */
public final class BbqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the text for the 400 body; says what is wrong and where */
  public BbqlException(String message) {
    super(message);
  }

  /** The real API's 400 for a field it cannot filter on, e.g. {@code q=values.state="OPEN"}. */
  public static BbqlException unsupportedField(String field) {
    return new BbqlException("Field \"" + field + "\" does not support filtering");
  }
}
