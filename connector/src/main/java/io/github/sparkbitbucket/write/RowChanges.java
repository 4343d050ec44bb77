package io.github.sparkbitbucket.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.WritableColumn;
import io.github.sparkbitbucket.table.WriteSpec;
import io.github.sparkbitbucket.table.WriteSpec.DeletePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one row's INSERT, UPDATE or DELETE into Bitbucket requests, following the table's
 * {@link WriteSpec}, and records each change in the {@link UndoLog} once the API confirmed it.
 * UPDATE and DELETE start from the row's before-image: UPDATE sends only the fields that differ
 * from it, and the undo restores it. The before-image is the row as the statement's scan read it
 * ({@code _row_as_read}, handed over as metadata); a row that comes without it is read with a
 * GET first. Thread-safe: one instance serves a writer's parallel requests.
 */
final class RowChanges {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SHOWN_VALUE_CHARS = 40;

  private final WriteContext ctx;
  private final WriteSpec spec;
  private final BitbucketClient client;
  private final RequestStats stats;
  private final UndoLog undo;
  private final Consumer<String> plan;
  private final Function<String, UndoEntry> adopt;
  private final RowValues data;
  private final RowValues ids;
  /** The scanned row inside the metadata Spark passes, or null when there is none. */
  private final RowValues scanned;
  private final int scannedOrdinal;
  private final CreatedRowFinder finder;
  private final boolean retriedAttempt;
  /** Keys of the rows this attempt created or adopted: a look-up must not adopt one twice. */
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  final AtomicLong created = new AtomicLong();
  final AtomicLong updated = new AtomicLong();
  final AtomicLong deleted = new AtomicLong();

  /**
   * @param plan receives each planned request's description in a dry run
   * @param adopt given a create body, a row an earlier attempt created from the same body, or null
   * @param retriedAttempt whether this is a retry of the task: it looks for what an earlier
   *     attempt (maybe on another executor) created before creating a row
   */
  RowChanges(WriteContext ctx, BitbucketClient client, RequestStats stats, UndoLog undo,
      Consumer<String> plan, Function<String, UndoEntry> adopt, boolean retriedAttempt) {
    this.ctx = ctx;
    this.spec = ctx.spec();
    this.client = client;
    this.stats = stats;
    this.undo = undo;
    this.plan = plan;
    this.adopt = adopt;
    this.data = new RowValues(ctx.dataSchema());
    this.ids = ctx.rowIdSchema() == null ? null : new RowValues(ctx.rowIdSchema());
    StructType metadata = ctx.metadataSchema();
    this.scannedOrdinal = metadata == null ? -1
        : Arrays.asList(metadata.fieldNames()).indexOf(TableDef.ROW_AS_READ);
    this.scanned = scannedOrdinal < 0 ? null
        : new RowValues((StructType) metadata.fields()[scannedOrdinal].dataType());
    this.finder = new CreatedRowFinder(ctx, client, stats);
    this.retriedAttempt = retriedAttempt;
  }

  // ---- INSERT --------------------------------------------------------------------------------

  void insert(InternalRow row) {
    RowAddress address = insertAddress(row);
    refuseNonInsertableColumns(row, address);
    ObjectNode body = MAPPER.createObjectNode();
    spec.fixedCreateBody().forEach((path, value) ->
        RowValues.put(body, List.of(path.split("\\.")), body.textNode(value)));
    for (WritableColumn c : spec.columns()) {
      if (!c.onCreate()) {
        continue;
      }
      JsonNode v = data.get(row, c.name());
      if (v == null && c.requiredOnCreate()) {
        throw new RowWriteException("INSERT into " + spec.table() + " needs a value for "
            + c.name() + " (row " + describeInsert(row, address) + "). Columns INSERT sets: "
            + String.join(", ", spec.insertableColumnNames()) + ".");
      }
      if (v != null) {
        RowValues.put(body, c.bodyPath(), v);
      }
    }
    if (ctx.settings().dryRun()) {
      plan.accept("POST " + address.render(spec.createPath()) + " " + body);
      created.incrementAndGet();
      return;
    }
    UndoEntry earlier = adopt.apply(body.toString());
    if (earlier != null) {
      claimed.add(earlier.address().key());
      undo.add(earlier); // the failed attempt's row, reused: no second copy
      created.incrementAndGet();
      return;
    }
    if (retriedAttempt && adoptExisting(address, body, "created by an earlier attempt")) {
      return;
    }
    JsonNode response = null;
    for (int posts = 1; response == null; posts++) {
      try {
        response = client.post(spec.createPath(), address.argsFor(spec.createPath()))
            .body(body).stats(stats).json();
      } catch (BitbucketApiException e) {
        // No answer (or a 5xx): the row may exist all the same. Look before anyone posts again.
        if (!mayHaveBeenApplied(e) || !finder.applies()) {
          throw rejected("INSERT", describeInsert(row, address), e);
        }
        if (adoptExisting(address, body, "created (answer lost)")) {
          return;
        }
        if (posts > ctx.options().maxRetries()) {
          throw rejected("INSERT", describeInsert(row, address), e);
        }
        // Looked, and the row is not there: that POST did not take effect, so sending it again
        // cannot make a second copy. (Without this a 5 % error rate fails most large jobs.)
        stats.addRetry();
      }
    }
    JsonNode key = RowValues.at(response, spec.keyResponsePath());
    RowAddress createdAt = address.withKey(key == null ? address.key() : key.asText());
    claimed.add(createdAt.key());
    undo.add(new UndoEntry(UndoEntry.Kind.CREATED, createdAt, body.toString(), "created"));
    created.incrementAndGet();
  }

  private static boolean mayHaveBeenApplied(BitbucketApiException e) {
    return switch (e.kind()) {
      case IO, MALFORMED_RESPONSE, SERVER_ERROR -> true;
      default -> false;
    };
  }

  /**
   * Adopts the row this write already created from {@code body}, found by its natural identity;
   * false when there is none.
   */
  private boolean adoptExisting(RowAddress address, ObjectNode body, String detail) {
    String key;
    try {
      key = finder.find(address, body, claimed);
    } catch (BitbucketApiException e) {
      if (e.status() >= 400 && e.status() < 500) {
        // The list cannot be read (e.g. a removed API, a missing scope): the POST that follows
        // fails with Bitbucket's own reason, or succeeds where nothing could have been made.
        return false;
      }
      throw rejected("INSERT (looking for the row an earlier request may have created)",
          address.toString(), e);
    }
    if (key == null || !claimed.add(key)) {
      return false;
    }
    undo.add(new UndoEntry(UndoEntry.Kind.CREATED, address.withKey(key), body.toString(), detail));
    created.incrementAndGet();
    return true;
  }

  private RowAddress insertAddress(InternalRow row) {
    String repo = null;
    if (spec.createPath().contains("{repo}")) {
      repo = data.text(row, "repository");
      if (repo == null) {
        repo = defaultRepository();
      }
      checkRepository(repo, "INSERT");
    }
    String parent = null;
    if (spec.parentColumn() != null) {
      parent = data.text(row, spec.parentColumn());
      if (parent == null) {
        throw new RowWriteException("INSERT into " + spec.table() + " needs "
            + spec.parentColumn() + ": the id of the object the row belongs to.");
      }
    }
    checkWorkspace(data.text(row, "workspace"));
    String key = spec.serverAssignedKey() ? null : data.text(row, spec.keyColumn());
    return new RowAddress(spec.table(), ctx.settings().workspace(), repo, spec.parentColumn(),
        parent, spec.keyColumn(), key);
  }

  private void refuseNonInsertableColumns(InternalRow row, RowAddress address) {
    Set<String> settable = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    settable.add("workspace");
    settable.add("repository");
    if (spec.parentColumn() != null) {
      settable.add(spec.parentColumn());
    }
    for (WritableColumn c : spec.columns()) {
      if (c.onCreate()) {
        settable.add(c.name());
      }
    }
    for (String column : data.schema().fieldNames()) {
      if (!settable.contains(column) && !InsertDefaults.isPlaceholder(data.get(row, column))) {
        throw new RowWriteException("INSERT into " + spec.table() + " cannot set " + column
            + ": Bitbucket sets it. Leave it NULL (or out of the column list). Columns INSERT "
            + "sets: " + String.join(", ", spec.insertableColumnNames()) + ". Row: "
            + describeInsert(row, address));
      }
    }
  }

  // ---- UPDATE --------------------------------------------------------------------------------

  /**
   * @param metadata what Spark passes with the row (the row as the scan read it), or null
   */
  void update(InternalRow id, InternalRow row, InternalRow metadata) {
    RowAddress address = keyAddress(id);
    if (!spec.updatable()) {
      throw new RowWriteException("UPDATE of " + spec.table() + " is refused: "
          + spec.updateRefusal() + ". Row: " + address);
    }
    JsonNode before = beforeImage(metadata);
    if (before == null) {
      before = read(address, "UPDATE");
    }
    if (before == null) {
      throw gone(address);
    }
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode undoBody = MAPPER.createObjectNode();
    List<String> changed = new ArrayList<>();
    List<List<String>> changedPaths = new ArrayList<>();
    for (WritableColumn c : spec.columns()) {
      if (!data.has(c.name())) {
        continue;
      }
      JsonNode now = data.get(row, c.name());
      JsonNode old = RowValues.at(before, c.bodyPath());
      if (RowValues.same(now, old)) {
        continue;
      }
      if (!c.onUpdate()) {
        throw refuseColumn(c.name(), address);
      }
      RowValues.put(body, c.bodyPath(), now);
      RowValues.put(undoBody, c.bodyPath(), old);
      changedPaths.add(c.bodyPath());
      changed.add(c.name());
    }
    String action = stateAction(row, before, address);
    for (Map.Entry<String, List<String>> ro : ctx.readOnlyPaths().entrySet()) {
      String column = ro.getKey();
      if (data.has(column) && spec.column(column).isEmpty()
          && !column.equalsIgnoreCase(spec.stateColumn())
          && !spec.serverMaintained().contains(column)
          && !RowValues.same(data.get(row, column), RowValues.at(before, ro.getValue()))) {
        throw refuseColumn(column, address);
      }
    }
    if (changed.isEmpty() && action == null) {
      return;
    }
    if (ctx.settings().dryRun()) {
      if (!changed.isEmpty()) {
        plan.accept("PUT " + address.render(spec.itemPath()) + " " + body);
      }
      if (action != null) {
        plan.accept("POST " + address.render(spec.itemPath() + action));
      }
      updated.incrementAndGet();
      return;
    }
    try {
      if (!changed.isEmpty()) {
        UndoEntry change = new UndoEntry(UndoEntry.Kind.UPDATED, address, undoBody.toString(),
            "changed " + String.join(", ", changed));
        try {
          client.put(spec.itemPath(), address.argsFor(spec.itemPath())).body(body).stats(stats)
              .json();
        } catch (BitbucketApiException e) {
          if (e.kind() == BitbucketApiException.Kind.NOT_FOUND) {
            throw gone(address);
          }
          if (mayHaveBeenApplied(e) && appliedAfterFailedPut(address, body, changedPaths)) {
            // The retries ran out after an attempt that took effect unseen: the undo puts the
            // old values back (and its report names the row if it cannot).
            undo.add(change);
          }
          throw e;
        }
        undo.add(change);
      }
      if (action != null) {
        String path = spec.itemPath() + action;
        client.post(path, address.argsFor(path)).stats(stats).json();
        undo.add(new UndoEntry(UndoEntry.Kind.ACTION, address, before.toString(),
            action.substring(1) + "d"));
      }
    } catch (BitbucketApiException e) {
      throw rejected("UPDATE", address.toString(), e);
    }
    updated.incrementAndGet();
  }

  private static RowWriteException gone(RowAddress address) {
    return new RowWriteException("UPDATE of " + address + " failed: the row no longer exists "
        + "in Bitbucket (deleted since the statement read it).");
  }

  /** The action path suffix a changed state column asks for, or null when it did not change. */
  private String stateAction(InternalRow row, JsonNode before, RowAddress address) {
    String column = spec.stateColumn();
    if (column == null || !data.has(column)) {
      return null;
    }
    JsonNode now = data.get(row, column);
    JsonNode old = before.get(column);
    if (RowValues.same(now, old)) {
      return null;
    }
    String suffix = now == null ? null : spec.stateActions().get(now.asText());
    if (suffix == null) {
      throw new RowWriteException("UPDATE of " + address + " cannot set " + column + " to "
          + now + ": only " + String.join(" or ", spec.stateActions().keySet())
          + " can be set (Bitbucket declines or merges the pull request).");
    }
    return suffix;
  }

  private RowWriteException refuseColumn(String column, RowAddress address) {
    return new RowWriteException("UPDATE of " + spec.table() + " cannot change " + column
        + ": it is read-only in Bitbucket. Columns UPDATE can change: "
        + String.join(", ", spec.updatableColumnNames()) + ". Row: " + address);
  }

  // ---- DELETE --------------------------------------------------------------------------------

  /**
   * @param metadata what Spark passes with the row (the row as the scan read it), or null
   */
  void delete(InternalRow id, InternalRow metadata) {
    RowAddress address = keyAddress(id);
    if (spec.deletePolicy() == DeletePolicy.REFUSED) {
      throw new RowWriteException("DELETE from " + spec.table() + " is refused: "
          + spec.deleteRefusal() + ". Row: " + address);
    }
    if (spec.deletePolicy() == DeletePolicy.NEEDS_REPOSITORY_DELETE_OPTION
        && !ctx.settings().allowRepositoryDelete()) {
      throw new RowWriteException(RepositoryDeleteGuard.MESSAGE + " Row: " + address);
    }
    JsonNode before = beforeImage(metadata);
    if (before == null) {
      before = read(address, "DELETE");
    }
    if (before == null) {
      return; // already gone: nothing to delete, nothing to undo
    }
    if (ctx.settings().dryRun()) {
      plan.accept("DELETE " + address.render(spec.itemPath()));
      deleted.incrementAndGet();
      return;
    }
    try {
      client.delete(spec.itemPath(), address.argsFor(spec.itemPath())).stats(stats).send();
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND) {
        return; // deleted meanwhile (or by a retried request whose answer was lost)
      }
      if (mayHaveBeenApplied(e) && goneAfterFailedDelete(address)) {
        // The retries ran out after an attempt that deleted it unseen: the undo (and its
        // report, for what cannot be re-created) must know.
        undo.add(new UndoEntry(UndoEntry.Kind.DELETED, address, before.toString(), "deleted"));
      }
      throw rejected("DELETE", address.toString(), e);
    }
    undo.add(new UndoEntry(UndoEntry.Kind.DELETED, address, before.toString(), "deleted"));
    deleted.incrementAndGet();
  }

  /**
   * Whether the row now holds every value a failed PUT sent ({@code body} at {@code paths}); true
   * when that cannot be told (the API still failing), so that the undo tries to put the old values
   * back.
   */
  private boolean appliedAfterFailedPut(RowAddress address, JsonNode body,
      List<List<String>> paths) {
    JsonNode now;
    try {
      now = read(address, "UPDATE");
    } catch (RowWriteException e) {
      return true;
    }
    if (now == null) {
      return false;
    }
    for (List<String> path : paths) {
      if (!RowValues.same(RowValues.at(body, path), RowValues.at(now, path))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the row is gone; false when that cannot be told either (the API still failing). */
  private boolean goneAfterFailedDelete(RowAddress address) {
    try {
      return read(address, "DELETE") == null;
    } catch (RowWriteException e) {
      return false;
    }
  }

  // ---- shared --------------------------------------------------------------------------------

  /**
   * The row as the scan read it, in the API's JSON shape at the paths this class reads: writable
   * columns at their body paths, read-only ones at their own. Null when Spark passed no scanned
   * row, or when it lacks a writable column (the row is then read with a GET).
   */
  private JsonNode beforeImage(InternalRow metadata) {
    if (scanned == null || metadata == null || metadata.isNullAt(scannedOrdinal)) {
      return null;
    }
    InternalRow row = metadata.getStruct(scannedOrdinal, scanned.schema().size());
    ObjectNode before = MAPPER.createObjectNode();
    for (WritableColumn c : spec.columns()) {
      if (!scanned.has(c.name())) {
        return null;
      }
      JsonNode v = scanned.get(row, c.name());
      if (v != null) {
        RowValues.put(before, c.bodyPath(), v);
      }
    }
    for (Map.Entry<String, List<String>> ro : ctx.readOnlyPaths().entrySet()) {
      JsonNode v = scanned.get(row, ro.getKey());
      if (v != null) {
        RowValues.put(before, ro.getValue(), v);
      }
    }
    return before;
  }

  /** The row's current JSON, or null when it does not exist. */
  private JsonNode read(RowAddress address, String statement) {
    try {
      return client.get(spec.itemPath(), address.argsFor(spec.itemPath())).stats(stats).json();
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND) {
        return null;
      }
      throw rejected(statement, address.toString(), e);
    }
  }

  private RowAddress keyAddress(InternalRow id) {
    String repo = ids.has("repository") ? ids.text(id, "repository") : null;
    if (spec.itemPath().contains("{repo}")) {
      checkRepository(repo, "a change");
    }
    String parent = spec.parentColumn() == null ? null : ids.text(id, spec.parentColumn());
    String key = ids.text(id, spec.keyColumn());
    return new RowAddress(spec.table(), ctx.settings().workspace(), repo, spec.parentColumn(),
        parent, spec.keyColumn(), key);
  }

  private String defaultRepository() {
    List<String> repos = ctx.settings().repositories();
    if (repos.size() == 1) {
      return repos.get(0);
    }
    throw new RowWriteException("INSERT into " + spec.table() + " needs the repository column "
        + "(or exactly one repository in option 'repository').");
  }

  private void checkRepository(String repo, String what) {
    List<String> allowed = ctx.settings().repositories();
    if (repo != null && !allowed.isEmpty() && !allowed.contains(repo)) {
      throw new RowWriteException(what + " on " + spec.table() + " names repository '" + repo
          + "', outside option repository=" + String.join(",", allowed)
          + ". Add it to the option or leave the option out.");
    }
  }

  private void checkWorkspace(String rowWorkspace) {
    if (rowWorkspace != null && !rowWorkspace.equals(ctx.settings().workspace())) {
      throw new RowWriteException("A row for " + spec.table() + " names workspace '"
          + rowWorkspace + "' but the table is in workspace '" + ctx.settings().workspace()
          + "'. Write it through that workspace's table, or leave workspace NULL.");
    }
  }

  /** A row to be created, named by its address and given values: it has no key yet. */
  private String describeInsert(InternalRow row, RowAddress address) {
    StringBuilder s = new StringBuilder(address.toString());
    s.setLength(s.length() - 1);
    for (WritableColumn c : spec.columns()) {
      if (c.requiredOnCreate() && !c.name().equals(address.keyColumn())) {
        String v = data.text(row, c.name());
        if (v != null && v.length() > SHOWN_VALUE_CHARS) {
          v = v.substring(0, SHOWN_VALUE_CHARS) + "...";
        }
        s.append(", ").append(c.name()).append('=').append(v);
      }
    }
    return s.append(')').toString();
  }

  private RowWriteException rejected(String statement, String row, BitbucketApiException e) {
    return new RowWriteException("Bitbucket rejected the " + statement + " of " + row + ": "
        + e.getMessage(), e);
  }
}
