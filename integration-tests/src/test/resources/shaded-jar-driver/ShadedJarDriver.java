import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a user's job looks like with {@code --jars spark-bitbucket-*-shaded.jar}: compiled against
 * Spark alone (ShadedJarIT compiles it at test time) and run in a fresh JVM whose classpath is
 * Spark's jars plus the shaded jar. It names the connector only by strings, as a user would.
 *
 * <p>Arguments: endpoint, token, workspace, repository, new branch name, commit hash. Prints one
 * tab-separated line per fact (prefixes CLASS, SPARK, TABLE, REPO, FORMAT, BRANCH) for the test to check.
 */
public final class ShadedJarDriver {
  public static void main(String[] args) {
    String endpoint = args[0];
    String token = args[1];
    String ws = args[2];
    String repo = args[3];
    String branch = args[4];
    String hash = args[5];

    // A user's own OkHttp/Kotlin must not collide with the connector's: the jar must not expose them.
    for (String name : List.of("okhttp3.OkHttpClient", "okio.Buffer", "kotlin.Unit",
        "dev.failsafe.Failsafe")) {
      boolean visible;
      try {
        Class.forName(name);
        visible = true;
      } catch (ClassNotFoundException e) {
        visible = false;
      }
      System.out.println("CLASS\t" + name + "\t" + visible);
    }

    SparkSession spark = SparkSession.builder().master("local[2]").appName("shaded-jar-driver")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog")
        .config("spark.sql.catalog.bb.endpoint", endpoint)
        .config("spark.sql.catalog.bb.token", token)
        .getOrCreate();
    try {
      System.out.println("SPARK\t" + spark.version());
      for (Row r : spark.sql("SHOW TABLES IN bb." + ws).collectAsList()) {
        System.out.println("TABLE\t" + r.getString(1));
      }
      for (Row r : spark.sql("SELECT slug FROM bb." + ws + ".repositories ORDER BY slug")
          .collectAsList()) {
        System.out.println("REPO\t" + r.getString(0));
      }
      // The short name "bitbucket" comes from the shaded jar's merged services file.
      long branches = spark.read().format("bitbucket").option("endpoint", endpoint)
          .option("token", token).option("workspace", ws).load("branches")
          .where("repository = '" + repo + "'").count();
      System.out.println("FORMAT\tbranches\t" + branches);

      spark.sql("INSERT INTO bb." + ws + ".branches (repository, name, target_hash) VALUES ('"
          + repo + "', '" + branch + "', '" + hash + "')");
      for (Row r : spark.sql("SELECT name, target_hash FROM bb." + ws + ".branches WHERE "
          + "repository = '" + repo + "' AND name = '" + branch + "'").collectAsList()) {
        System.out.println("BRANCH\t" + r.getString(0) + "\t" + r.getString(1));
      }
    } finally {
      spark.stop();
    }
  }
}
