package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;

/** Placeholder until the query branch is merged. */
public interface BbqlQuery {
  boolean matches(JsonNode object);
}
