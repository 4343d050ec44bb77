package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** INSERT into every writable table: written, read back through the connector, and in the store. */
class InsertRoundTripIT extends WriteTestBase {

  @Test
  void pullRequest() {
    String repo = repo();
    String title = unique("pr");
    String branch = store(repo, "branches").stream().map(b -> b.get("name").asText())
        .filter(n -> !n.equals(mainBranch(repo))).findFirst().orElseThrow();
    sql("INSERT INTO bbw.acme.pullrequests (repository, title, description, source_branch) "
        + "VALUES ('" + repo + "', '" + title + "', 'made by a test', '" + branch + "')");

    List<ObjectNode> stored = store(repo, "pullrequests", o -> title.equals(text(o, "title")));
    assertEquals(1, stored.size());
    assertEquals(branch, text(stored.get(0), "source.branch.name"));
    assertEquals("made by a test", text(stored.get(0), "description"));
    List<Row> read = sql("SELECT id, description, source_branch, state FROM bbw.acme.pullrequests"
        + " WHERE repository = '" + repo + "' AND title = '" + title + "'");
    assertEquals(1, read.size());
    assertEquals(stored.get(0).get("id").asInt(), read.get(0).getInt(0));
    assertEquals("made by a test", read.get(0).getString(1));
    assertEquals(branch, read.get(0).getString(2));
    assertEquals("OPEN", read.get(0).getString(3));
  }
}
