import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a notebook user's Spark Connect client does: SparkConnectIT compiles this against the JVM
 * Spark Connect client alone and runs it in a fresh JVM whose classpath has neither classic Spark
 * nor the connector (both live in the server). It configures a catalog through the session's
 * runtime conf, as a user would, then queries and writes.
 *
 * <p>Arguments: Connect URL, endpoint, token, workspace, repository, pull request state, new
 * branch name, commit hash. Prints one tab-separated line per fact (prefixes SESSION, CLASSIC,
 * SPARK, TABLE, PR, BRANCH) for the test to check.
 */
public final class ConnectClientDriver {
  public static void main(String[] args) {
    String url = args[0];
    String endpoint = args[1];
    String token = args[2];
    String ws = args[3];
    String repo = args[4];
    String state = args[5];
    String branch = args[6];
    String hash = args[7];

    boolean classic;
    try {
      Class.forName("org.apache.spark.sql.classic.SparkSession");
      classic = true;
    } catch (ClassNotFoundException e) {
      classic = false;
    }
    System.out.println("CLASSIC\t" + classic);

    SparkSession spark = SparkSession.builder().remote(url).getOrCreate();
    try {
      System.out.println("SESSION\t" + spark.getClass().getName());
      System.out.println("SPARK\t" + spark.version());
      spark.conf().set("spark.sql.catalog.bbc", "io.github.sparkbitbucket.BitbucketCatalog");
      spark.conf().set("spark.sql.catalog.bbc.endpoint", endpoint);
      spark.conf().set("spark.sql.catalog.bbc.token", token);

      for (Row r : spark.sql("SHOW TABLES IN bbc." + ws).collectAsList()) {
        System.out.println("TABLE\t" + r.getString(1));
      }
      // repository and state are pushed down: one repository's pages, filtered by BBQL
      for (Row r : spark.sql("SELECT id, title FROM bbc." + ws + ".pullrequests WHERE repository"
          + " = '" + repo + "' AND state = '" + state + "' ORDER BY id").collectAsList()) {
        System.out.println("PR\t" + r.getInt(0) + "\t" + r.getString(1));
      }
      spark.sql("INSERT INTO bbc." + ws + ".branches (repository, name, target_hash) VALUES ('"
          + repo + "', '" + branch + "', '" + hash + "')");
      List<Row> back = spark.sql("SELECT name, target_hash FROM bbc." + ws + ".branches WHERE "
          + "repository = '" + repo + "' AND name = '" + branch + "'").collectAsList();
      for (Row r : back) {
        System.out.println("BRANCH\t" + r.getString(0) + "\t" + r.getString(1));
      }
    } finally {
      spark.stop();
    }
  }
}
