package io.github.sparkbitbucket.emulator;

import java.util.List;
import java.util.Map;

/**
 * One served request as the request log keeps it.
 *
 * @param method HTTP method
 * @param path the path as received, e.g. {@code /2.0/repositories/acme/api/pullrequests}
 * @param query decoded query parameters, in the order received
 * @param status the status answered (0 when the connection was dropped without a response)
 * @param startNanos {@link System#nanoTime()} when the request arrived
 * @param durationNanos time from arrival until the response was handed to the server, latency included
 */
public record LoggedRequest(String method, String path, Map<String, List<String>> query, int status,
    long startNanos, long durationNanos) {}
