package io.github.sparkbitbucket.api;

/**
 * The envelope of one page of a paginated list, as Bitbucket returned it.
 *
 * @param size total number of objects in the collection, or -1 when the API did not say
 * @param page the page number, or -1 for iterator (cursor) lists
 * @param pagelen the page length the server applied, or -1
 * @param next the absolute URL of the next page, or null on the last page
 * @param values how many values this page held (and were handed to the {@link ValueReader})
 */
public record PageInfo(long size, int page, int pagelen, String next, int values) {
  public boolean hasNext() {
    return next != null;
  }
}
