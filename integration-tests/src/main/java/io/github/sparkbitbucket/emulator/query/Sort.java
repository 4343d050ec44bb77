package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Placeholder until the query branch is merged: refuses every sort. */
public final class Sort {
  private Sort() {}

  public static Comparator<JsonNode> parse(String sort) {
    throw new BbqlException("sort is not available in this build (placeholder): " + sort);
  }
}
