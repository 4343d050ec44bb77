package io.github.sparkbitbucket.emulator.query;

/** Placeholder until the query branch is merged: a malformed query (its message fits a 400). */
public class BbqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BbqlException(String message) {
    super(message);
  }
}
