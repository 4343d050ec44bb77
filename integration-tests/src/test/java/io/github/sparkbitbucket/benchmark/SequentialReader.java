package io.github.sparkbitbucket.benchmark;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.ApiRequest;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.table.TableDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline "the way other tools read": every repository's list, one page after another by
 * its {@code next} link, with the connector's own client (same HTTP stack, same pagelen), on one
 * thread. Counts the rows per repository, which also gives the minimum number of requests.
 */
final class SequentialReader {
  private final BitbucketClient client;

  SequentialReader(BitbucketClient client) {
    this.client = client;
  }

  /** Rows per repository, in the given order; {@code stats} counts the requests. */
  Map<String, Long> read(TableDef table, String workspace, List<String> repositories, int pageLen,
      RequestStats stats) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String repo : repositories) {
      ApiRequest r = client.get(table.listPath(), workspace, repo).stats(stats)
          .query("pagelen", pageLen);
      table.fixedParams().forEach((k, vs) -> vs.forEach(v -> r.query(k, v)));
      rows.put(repo, r.allPages(p -> p.skipChildren()));
    }
    return rows;
  }
}
