package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;

/** Placeholder until the query branch is merged: returns the body unchanged. */
public final class PartialResponse {
  private PartialResponse() {}

  public static JsonNode apply(JsonNode body, String fields) {
    return body;
  }
}
