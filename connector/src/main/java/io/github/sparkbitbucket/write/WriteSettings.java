package io.github.sparkbitbucket.write;

import java.io.Serializable;
import java.util.List;

/**
 * The options a write obeys, fixed on the driver when the write is planned.
 *
 * @param workspace the workspace every row is written to
 * @param repositories the repositories rows may be written to (empty: any)
 * @param dryRun log and return the planned requests, change nothing
 * @param allowFullTableWrite let UPDATE and DELETE run without a WHERE clause
 * @param allowRepositoryDelete let DELETE remove repositories
 * @param maxConcurrency requests a writer keeps in flight at once
 */
public record WriteSettings(String workspace, List<String> repositories, boolean dryRun,
    boolean allowFullTableWrite, boolean allowRepositoryDelete, int maxConcurrency)
    implements Serializable {

  public WriteSettings {
    repositories = List.copyOf(repositories);
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
  }
}
