package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One collection of API objects (a repository's pull requests, a workspace's projects...), keyed
 * by what the API addresses them by, listed in the API's default order. Objects are never changed
 * in place: an update replaces the object, so a listed snapshot stays consistent while it is
 * being served.
 *
 * <p>Past {@link #COMPACT_THRESHOLD} rows a table turns compact: each object is kept as deflated
 * JSON (about a sixth of a parsed object's heap) plus the few fields its default order reads, and
 * is parsed again when served. That is what lets one table hold a million rows in a few GB.
 */
final class Table {
  /**
   * Rows above which objects are stored deflated. Above the largest table of the benchmark's
   * workspace (one repository with 40 % of 50,000 commits): a compact table parses every row it
   * serves again, which would be half the emulator's CPU on that read.
   */
  static final int COMPACT_THRESHOLD = 25_000;
  /** The fields default orders read; kept parsed for compact rows. */
  private static final String[] ORDER_FIELDS = {"id", "name", "date", "updated_on", "build_number", "created_on",
      "slug", "key", "hash", "uuid"};

  /** A compact row: deflated JSON and the fields its order needs. */
  private record Packed(byte[] deflated, ObjectNode orderKey) {}

  private final Function<ObjectNode, String> keyOf;
  private final Comparator<ObjectNode> defaultOrder;
  private final Map<String, Object> rows = new LinkedHashMap<>();
  private final int compactThreshold;
  private boolean compact;
  private List<ObjectNode> snapshot;

  Table(Function<ObjectNode, String> keyOf, Comparator<ObjectNode> defaultOrder) {
    this(keyOf, defaultOrder, COMPACT_THRESHOLD);
  }

  /** @param compactThreshold rows above which objects are stored deflated (0: always) */
  Table(Function<ObjectNode, String> keyOf, Comparator<ObjectNode> defaultOrder, int compactThreshold) {
    this.keyOf = keyOf;
    this.defaultOrder = defaultOrder;
    this.compactThreshold = compactThreshold;
  }

  /** All objects in default order; an immutable list shared until the next change. */
  synchronized List<ObjectNode> snapshot() {
    if (snapshot == null) {
      snapshot = compact ? packedSnapshot() : plainSnapshot();
    }
    return snapshot;
  }

  private List<ObjectNode> plainSnapshot() {
    List<ObjectNode> list = new ArrayList<>(rows.size());
    for (Object o : rows.values()) {
      list.add((ObjectNode) o);
    }
    if (defaultOrder != null) {
      list.sort(defaultOrder);
    }
    return Collections.unmodifiableList(list);
  }

  private List<ObjectNode> packedSnapshot() {
    List<Packed> list = new ArrayList<>(rows.size());
    for (Object o : rows.values()) {
      list.add((Packed) o);
    }
    if (defaultOrder != null) {
      list.sort(Comparator.comparing(Packed::orderKey, defaultOrder));
    }
    Packed[] packed = list.toArray(new Packed[0]);
    // Parsed on access: a page touches only its own rows.
    return new AbstractList<>() {
      @Override
      public ObjectNode get(int index) {
        return unpack(packed[index]);
      }

      @Override
      public int size() {
        return packed.length;
      }
    };
  }

  synchronized ObjectNode get(String key) {
    Object o = rows.get(key);
    return o == null ? null : o instanceof Packed p ? unpack(p) : (ObjectNode) o;
  }

  synchronized int size() {
    return rows.size();
  }

  /** Inserts or replaces the object under its key. */
  synchronized void put(ObjectNode node) {
    if (!compact && rows.size() >= compactThreshold) {
      compact = true;
      for (Map.Entry<String, Object> e : rows.entrySet()) {
        e.setValue(pack((ObjectNode) e.getValue()));
      }
    }
    rows.put(keyOf.apply(node), compact ? pack(node) : node);
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

  private static Packed pack(ObjectNode node) {
    ObjectNode orderKey = Json.object();
    for (String f : ORDER_FIELDS) {
      if (node.has(f)) {
        orderKey.set(f, node.get(f));
      }
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(Json.bytes(node));
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      byte[] buf = new byte[4096];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return new Packed(out.toByteArray(), orderKey);
    } finally {
      deflater.end();
    }
  }

  private static ObjectNode unpack(Packed p) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(p.deflated());
      ByteArrayOutputStream out = new ByteArrayOutputStream(p.deflated().length * 6);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("truncated compact row");
        }
        out.write(buf, 0, n);
      }
      return (ObjectNode) Json.MAPPER.readTree(out.toByteArray());
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt compact row", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      inflater.end();
    }
  }
}
