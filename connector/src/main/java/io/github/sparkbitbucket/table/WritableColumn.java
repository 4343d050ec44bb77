package io.github.sparkbitbucket.table;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A column that a write may set, and where its value goes in the request body.
 *
 * @param name the Spark column name ({@code source_branch})
 * @param bodyPath the JSON path in the create/update body ({@code source.branch.name})
 * @param onCreate whether INSERT sends it
 * @param onUpdate whether UPDATE may change it
 * @param requiredOnCreate whether INSERT refuses a row without it
 */
public record WritableColumn(String name, List<String> bodyPath, boolean onCreate,
    boolean onUpdate, boolean requiredOnCreate) implements Serializable {

  /** Sent on create and changeable by update. */
  public static WritableColumn both(String name, String dottedPath) {
    return new WritableColumn(name, split(dottedPath), true, true, false);
  }

  /** Sent on create only (an update of it is refused). */
  public static WritableColumn createOnly(String name, String dottedPath) {
    return new WritableColumn(name, split(dottedPath), true, false, false);
  }

  /** This column, but INSERT refuses rows without it. */
  public WritableColumn required() {
    return new WritableColumn(name, bodyPath, onCreate, onUpdate, true);
  }

  public String dottedPath() {
    return String.join(".", bodyPath);
  }

  private static List<String> split(String dotted) {
    return List.copyOf(Arrays.asList(dotted.split("\\.")));
  }
}
