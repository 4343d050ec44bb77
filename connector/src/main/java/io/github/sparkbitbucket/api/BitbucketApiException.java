package io.github.sparkbitbucket.api;

/**
 * A request that failed for good: after retries where they apply. The message says what happened
 * and what to do (SPEC section 6); it never contains a credential.
 */
public class BitbucketApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, so callers can react without parsing messages. */
  public enum Kind {
    UNAUTHORIZED, FORBIDDEN, NOT_FOUND, GONE, BAD_REQUEST, CONFLICT, RATE_LIMITED, SERVER_ERROR,
    IO, MALFORMED_RESPONSE, OTHER
  }

  private final Kind kind;
  private final int status;
  private final String method;
  private final String url;

  /**
   * @param status the last HTTP status, or -1 when no response was received
   * @param url the request URL, which must not carry credentials
   * @param message what happened and what to do; must not contain a credential
   */
  public BitbucketApiException(Kind kind, int status, String method, String url, String message,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.url = url;
  }

  /** What kind of failure this is. */
  public Kind kind() { return kind; }
  /** The last HTTP status, or -1 when no response was received. */
  public int status() { return status; }
  /** The HTTP method of the failed request. */
  public String method() { return method; }
  /** The request URL (it never carries credentials). */
  public String url() { return url; }
}
