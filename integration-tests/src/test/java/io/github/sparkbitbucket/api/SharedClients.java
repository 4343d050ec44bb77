package io.github.sparkbitbucket.api;

/**
 * What the JVM's shared {@link BitbucketClient}s hold, for tests in other packages (the
 * accessors are package-private: not part of the connector's API).
 */
public final class SharedClients {
  private SharedClients() {
  }

  /** Shared clients in this JVM: one per distinct connection setting. */
  public static int count() {
    return BitbucketClient.sharedClients();
  }

  /** Open HTTP connections across the shared clients' pools. */
  public static int openConnections() {
    return BitbucketClient.sharedOpenConnections();
  }
}
