package io.github.sparkbitbucket.write;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one row lives in the API: the values that fill a path template's {@code {ws}},
 * {@code {repo}}, {@code {parent}} and {@code {key}} placeholders.
 *
 * @param table the table name, for messages
 * @param workspace workspace slug
 * @param repository repository slug, or null for workspace tables
 * @param parentColumn the parent id column name (comments), or null
 * @param parent the parent id, or null
 * @param keyColumn the key column name
 * @param key the key, or null before a create assigned it
 */
public record RowAddress(String table, String workspace, String repository, String parentColumn,
    String parent, String keyColumn, String key) implements Serializable {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  /** This address with the key a create returned. */
  public RowAddress withKey(String newKey) {
    return new RowAddress(table, workspace, repository, parentColumn, parent, keyColumn, newKey);
  }

  /** The client arguments for {@code template}, in placeholder order. */
  public Object[] argsFor(String template) {
    List<Object> args = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      args.add(value(m.group(1)));
    }
    return args.toArray();
  }

  /** {@code template} with the values filled in, for logs and dry runs (not percent-encoded). */
  public String render(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(String placeholder) {
    String v = switch (placeholder) {
      case "ws" -> workspace;
      case "repo" -> repository;
      case "parent" -> parent;
      case "key" -> key;
      default -> throw new IllegalStateException("Unknown placeholder {" + placeholder + "}");
    };
    if (v == null) {
      throw new IllegalStateException("No value for {" + placeholder + "} in " + this);
    }
    return v;
  }

  /** {@code pullrequests (repository=api, id=7)}: how messages name a row. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(table).append(" (workspace=").append(workspace);
    if (repository != null) {
      s.append(", repository=").append(repository);
    }
    if (parentColumn != null) {
      s.append(", ").append(parentColumn).append('=').append(parent);
    }
    if (key != null) {
      s.append(", ").append(keyColumn).append('=').append(key);
    }
    return s.append(')').toString();
  }
}
