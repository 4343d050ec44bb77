package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every endpoint group needs: the store, the pager and the switches of the running emulator. */
record EndpointContext(EmulatorStore store, PagedList pager, AtomicBoolean issueTrackerRemoved) {

  ResourceFactory factory() {
    return store.factory();
  }

  /** 201 with the created object and its {@code Location}, as the real API answers a create. */
  static ApiResponse created(ObjectNode o) {
    ApiResponse r = ApiResponse.json(201, o);
    String self = Json.text(o, "links.self.href");
    if (self != null) {
      r.withHeader("Location", self);
    }
    return r;
  }

  /** Replaces an object by a changed copy, under the table's lock so concurrent updates don't interleave. */
  static ObjectNode update(Table table, String key, java.util.function.Consumer<ObjectNode> change,
      String notFoundMessage) {
    synchronized (table) {
      ObjectNode current = table.get(key);
      if (current == null) {
        throw ApiException.notFound(notFoundMessage);
      }
      ObjectNode copy = current.deepCopy();
      change.accept(copy);
      table.put(copy);
      return copy;
    }
  }
}
