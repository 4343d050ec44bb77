package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.Scope;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every table, read whole through the catalog and through the format, equals the emulator. */
class TableReadIT extends SparkEmulatorTestBase {

  static Stream<String> tables() {
    return TableRegistry.all().stream().map(TableDef::name);
  }

  static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }

  static List<String> rowsOf(Dataset<Row> df) {
    return df.collectAsList().stream().map(GroundTruth::canonical).sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("tables")
  void catalogAndFormatEqualGroundTruthInAMultiPartitionPlan(String name) {
    TableDef def = TableRegistry.require(name);
    List<String> columns = def.columns().stream().map(ColumnDef::name).toList();
    List<String> truth = sorted(GroundTruth.rows(EMU.store(), WS, def, columns));
    assertFalse(truth.isEmpty(), "the small dataset has rows in " + name);

    String ident = def.scope() == Scope.ROOT ? "bb." + name : "bb." + WS + "." + name;
    // a small page size makes even the small dataset's tables span several partitions
    String pageSize = def.scope() == Scope.ROOT ? "1" : "2";
    Dataset<Row> viaCatalog = SPARK.read().option("pageSize", pageSize).table(ident);
    assertEquals(Arrays.asList(def.schema().fieldNames()),
        Arrays.asList(viaCatalog.schema().fieldNames()));
    int partitions = viaCatalog.rdd().getNumPartitions();
    assertTrue(partitions >= 2, name + " planned " + partitions + " partition(s)");
    assertEquals(truth, rowsOf(viaCatalog), "catalog read of " + name);

    Dataset<Row> viaFormat = format().option("pageSize", pageSize).load(name);
    assertEquals(truth, rowsOf(viaFormat), "format read of " + name);
    assertEquals(truth, rowsOf(SPARK.sql("SELECT * FROM " + ident)), "SQL read of " + name);
  }

  /** Comments are listed per parent, so ORDER BY ... LIMIT is Spark's job there, and correct. */
  @ParameterizedTest
  @CsvSource({"pullrequest_comments, pullrequest_id", "issue_comments, issue_id"})
  void orderedLimitOnCommentsOfOneParentEqualsGroundTruth(String name, String parentColumn) {
    TableDef def = TableRegistry.require(name);
    List<Object[]> all = GroundTruth.objects(EMU.store(), WS, def,
        List.of("repository", parentColumn, "id"));
    Object[] first = all.get(0);
    List<Long> expected = all.stream()
        .filter(r -> r[0].equals(first[0]) && r[1].equals(first[1]))
        .map(r -> ((Number) r[2]).longValue()).sorted().limit(3).toList();
    List<Long> actual = SPARK.sql("SELECT id FROM bb." + WS + "." + name
            + " WHERE repository = '" + first[0] + "' AND " + parentColumn + " = " + first[1]
            + " ORDER BY id LIMIT 3")
        .collectAsList().stream().map(r -> ((Number) r.get(0)).longValue()).toList();
    assertFalse(expected.isEmpty());
    assertEquals(expected, actual);
  }
}
