package io.github.sparkbitbucket;

import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("bitbucket").option("workspace", "acme").load("pullrequests")}: the
 * table is the load path or option {@code table}. Schemas are static, so inferring one costs no
 * request.
 */
public final class BitbucketTableProvider implements TableProvider, DataSourceRegister {

  @Override
  public String shortName() {
    return "bitbucket";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return tableOf(options).schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning,
      Map<String, String> properties) {
    return new BitbucketTable(tableOf(new CaseInsensitiveStringMap(properties)), properties);
  }

  private static TableDef tableOf(CaseInsensitiveStringMap options) {
    String name = options.containsKey("table") ? options.get("table") : options.get("path");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Name the Bitbucket table to read: load(\"<table>\") or"
          + " option(\"table\", \"<table>\"). Tables: " + String.join(", ",
          TableRegistry.all().stream().map(TableDef::name).toList()) + ".");
    }
    return TableRegistry.require(name.trim());
  }
}
