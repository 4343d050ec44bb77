package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One collection of API objects (a repository's pull requests, a workspace's projects...), keyed
 * by what the API addresses them by, listed in the API's default order. Objects are never changed
 * in place: an update replaces the object, so a listed snapshot stays consistent while it is
 * being served.
 */
final class Table {
  private final Function<ObjectNode, String> keyOf;
  private final Comparator<ObjectNode> defaultOrder;
  private final Map<String, ObjectNode> rows = new LinkedHashMap<>();
  private List<ObjectNode> snapshot;

  Table(Function<ObjectNode, String> keyOf, Comparator<ObjectNode> defaultOrder) {
    this.keyOf = keyOf;
    this.defaultOrder = defaultOrder;
  }

  /** All objects in default order; an immutable list shared until the next change. */
  synchronized List<ObjectNode> snapshot() {
    if (snapshot == null) {
      List<ObjectNode> list = new ArrayList<>(rows.values());
      if (defaultOrder != null) {
        list.sort(defaultOrder);
      }
      snapshot = java.util.Collections.unmodifiableList(list);
    }
    return snapshot;
  }

  synchronized ObjectNode get(String key) {
    return rows.get(key);
  }

  synchronized int size() {
    return rows.size();
  }

  /** Inserts or replaces the object under its key. */
  synchronized void put(ObjectNode node) {
    rows.put(keyOf.apply(node), node);
    snapshot = null;
  }

  synchronized boolean remove(String key) {
    boolean removed = rows.remove(key) != null;
    if (removed) {
      snapshot = null;
    }
    return removed;
  }

  String keyOf(ObjectNode node) {
    return keyOf.apply(node);
  }
}
