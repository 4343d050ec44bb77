package io.github.sparkbitbucket.emulator.query;

/** Placeholder until the query branch is merged: refuses every query. */
public final class Bbql {
  private Bbql() {}

  public static BbqlQuery parse(String q) {
    throw new BbqlException("BBQL filtering is not available in this build (placeholder): " + q);
  }
}
