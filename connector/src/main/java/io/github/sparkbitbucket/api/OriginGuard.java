package io.github.sparkbitbucket.api;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor (it sees every request actually sent, redirects included) that removes
 * the {@code Authorization} header from any request whose origin is not the one the credentials
 * were meant for (carried as the request's {@link Origin} tag). A second line of defence behind
 * the client's own refusal to follow links to other origins.
 */
final class OriginGuard implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Origin allowed = request.tag(Origin.class);
    if (request.header("Authorization") != null
        && (allowed == null || !allowed.equals(Origin.of(request.url())))) {
      request = request.newBuilder().removeHeader("Authorization").build();
    }
    return chain.proceed(request);
  }
}
