package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Turns a failed request into a {@link BitbucketApiException} whose message says what happened
 * and what to do (SPEC section 6). Every text that came from outside (bodies, I/O messages) goes
 * through the {@link Redactor}, so no credential can reach a message.
 */
final class ApiFailures {
  private final ObjectMapper mapper;
  private final Redactor redactor;
  private final List<String> basePath; // the endpoint's path segments, e.g. ["2.0"]

  ApiFailures(ObjectMapper mapper, Redactor redactor, HttpUrl endpoint) {
    this.mapper = mapper;
    this.redactor = redactor;
    this.basePath = endpoint.pathSegments().stream().filter(s -> !s.isEmpty()).toList();
  }

  /** A non-retryable error status (or a retryable one after the retries ran out). */
  BitbucketApiException forStatus(String method, HttpUrl url, HttpResult result, int attempts) {
    return forStatus(method, !method.equals("POST"), url, result, attempts);
  }

  /**
   * @param idempotent whether the request was retryable (a POST marked as a read is)
   */
  BitbucketApiException forStatus(String method, boolean idempotent, HttpUrl url,
      HttpResult result, int attempts) {
    int status = result.status();
    Optional<ErrorBody> error = ErrorBody.parse(result.body(), mapper);
    String server = error.map(ErrorBody::message).map(m -> " Bitbucket said: \"" + m + "\".")
        .orElse("");
    String request = method + " " + url;
    String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
    Kind kind;
    String message;
    switch (status) {
      case 401 -> {
        kind = Kind.UNAUTHORIZED;
        message = "Bitbucket rejected the credentials (401 Unauthorized) for " + request + "."
            + server + " Check option 'token' (an access token that has not expired or been "
            + "revoked), or 'email' with 'apiToken' (an Atlassian API token: app passwords were "
            + "removed on 2026-07-28 and no longer work), or the OAuth consumer options.";
      }
      case 403 -> {
        kind = Kind.FORBIDDEN;
        message = "Bitbucket refused " + request + " (403 Forbidden)." + server
            + error.map(ApiFailures::scopeAdvice).orElse(
                " The credentials lack a permission or scope this request needs: use a token "
                    + "with the needed scopes or an account with access.");
      }
      case 404 -> {
        kind = Kind.NOT_FOUND;
        String resource = describe(url);
        message = "Not found (404): " + resource + " does not exist or the credentials cannot see "
            + "it, for " + request + "." + (error.isPresent() ? server
                : " The answer was not Bitbucket's JSON error (" + result.contentType()
                    + ": \"" + excerpt(result) + "\"): check option 'endpoint' (e.g. "
                    + "https://api.bitbucket.org/2.0).")
            + " Check the workspace and repository names and the credentials' access.";
      }
      case 410 -> {
        kind = Kind.GONE;
        message = goneMessage(url, request) + server;
      }
      case 400 -> {
        kind = Kind.BAD_REQUEST;
        List<String> fields = error.map(ErrorBody::fieldMessages).orElse(List.of());
        message = "Bitbucket rejected " + request + " as a bad request (400)." + server
            + (fields.isEmpty() ? "" : " Fields: " + String.join(", ", fields) + ".")
            + " Fix the values named above and try again.";
      }
      case 409 -> {
        kind = Kind.CONFLICT;
        message = "Conflict (409) for " + request + ": the object was changed or already exists."
            + server + " Re-read it and try again.";
      }
      case 429 -> {
        kind = Kind.RATE_LIMITED;
        message = "Rate limit exhausted: Bitbucket answered 429 Too Many Requests to " + request
            + tries + ". Lower option 'maxConcurrency', set 'requestsPerHour' to keep jobs under "
            + "the limit, raise 'maxRateLimitWait' to wait longer (up to the hourly reset), or ask "
            + "Atlassian for scaled rate limits (workspace access tokens of Standard and Premium "
            + "workspaces get higher limits).";
      }
      default -> {
        if (status >= 500) {
          kind = Kind.SERVER_ERROR;
          message = !idempotent
              ? "Bitbucket failed: " + request + " answered " + status + "." + server
                  + " A POST is not retried automatically, because it may have taken effect: "
                  + "check whether the object exists before trying again."
              : "Bitbucket kept failing: " + request + " answered " + status + tries + "."
                  + server + " This is a problem on Bitbucket's side: try again later, or raise "
                  + "option 'maxRetries'.";
        } else {
          kind = Kind.OTHER;
          message = "Unexpected HTTP status " + status + " for " + request + "." + server
              + " The body began with: \"" + excerpt(result) + "\".";
        }
      }
    }
    return new BitbucketApiException(kind, status, method, url.toString(),
        redactor.redact(message), null);
  }

  /** I/O errors (connection refused or reset, timeout, truncated body) after the retries. */
  BitbucketApiException forIo(String method, HttpUrl url, Throwable cause, int attempts) {
    return forIo(method, !method.equals("POST"), url, cause, attempts);
  }

  BitbucketApiException forIo(String method, boolean idempotent, HttpUrl url, Throwable cause,
      int attempts) {
    String message = "Could not complete " + method + " " + url
        + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": "
        + cause.getClass().getSimpleName() + ": " + cause.getMessage()
        + ". Check option 'endpoint', the network, and option 'requestTimeout'"
        + (!idempotent ? "; a POST is not retried automatically, because it may have "
            + "taken effect: check whether the object was created before trying again." : ".");
    return new BitbucketApiException(Kind.IO, -1, method, url.toString(),
        redactor.redact(message), null);
  }

  /**
   * The server's certificate was not trusted or did not match its host name. Never retried: it
   * would fail the same way, and the connector has no switch that turns the check off.
   */
  BitbucketApiException forUntrustedCertificate(String method, HttpUrl url, Throwable cause) {
    String message = "TLS certificate check failed for host '" + url.host() + "' (" + method + " "
        + url + "): " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
        + ". The connector verifies every certificate and host name. Check option 'endpoint' "
        + "(or 'oauthTokenUrl'); if the server uses a private certificate authority, add it to "
        + "the trust store of the driver and executor JVMs (-Djavax.net.ssl.trustStore=...).";
    return new BitbucketApiException(Kind.IO, -1, method, url.toString(),
        redactor.redact(message), null);
  }

  /** A 2xx whose body is not the JSON expected (an HTML page, truncated JSON). */
  BitbucketApiException forMalformed(String method, HttpUrl url, HttpResult result, String why,
      int attempts) {
    String message = "Malformed response from " + method + " " + url + " (status "
        + result.status() + ", " + result.contentType() + ", " + result.body().length + " bytes"
        + (attempts > 1 ? ", " + attempts + " attempts" : "") + "): " + why
        + ". The body began with: \"" + excerpt(result) + "\". Check option 'endpoint' (it must "
        + "be the API base URL, e.g. https://api.bitbucket.org/2.0, not the website).";
    return new BitbucketApiException(Kind.MALFORMED_RESPONSE, result.status(), method,
        url.toString(), redactor.redact(message), null);
  }

  private String excerpt(HttpResult result) {
    return redactor.redact(result.excerpt());
  }

  private static String scopeAdvice(ErrorBody error) {
    List<String> required = error.requiredScopes();
    if (!required.isEmpty()) {
      List<String> granted = error.grantedScopes();
      return " The credentials lack the scope " + String.join(", ", required)
          + (granted.isEmpty() ? "" : " (granted: " + String.join(", ", granted) + ")")
          + ": create a token (or OAuth consumer) with scope " + String.join(", ", required)
          + " and use it.";
    }
    String detail = error.detailText();
    return (detail == null ? "" : " " + detail + ".")
        + " Use credentials with the permission or scope this request needs.";
  }

  private String goneMessage(HttpUrl url, String request) {
    List<String> path = relativePath(url);
    if (path.contains("issues")) {
      return "Gone (410) for " + request + ": Bitbucket Cloud removed its issue tracker and the "
          + "issues API on 2026-08-20. Track issues in Jira (Jira Cloud links with Bitbucket), "
          + "or read the legacy issues tables only from a server that still serves them.";
    }
    if (path.size() == 1 && (path.get(0).equals("workspaces")
        || path.get(0).equals("repositories"))) {
      return "Gone (410) for " + request + ": Bitbucket Cloud removed GET /2.0/" + path.get(0)
          + " (CHANGE-2770). List workspaces with GET /2.0/user/workspaces (the `workspaces` "
          + "table does) and repositories per workspace with GET /2.0/repositories/{workspace}.";
    }
    return "Gone (410) for " + request + ": Bitbucket Cloud removed this API. See the Bitbucket "
        + "Cloud changelog for its replacement.";
  }

  /** What a URL addresses, in words: "repository 'acme/api'", "pullrequests '7' of ...". */
  String describe(HttpUrl url) {
    List<String> p = relativePath(url);
    if (p.isEmpty()) {
      return "the API root";
    }
    if (p.get(0).equals("repositories") && p.size() >= 3) {
      String repo = "repository '" + p.get(1) + "/" + p.get(2) + "'";
      if (p.size() == 3) {
        return repo;
      }
      if (p.size() == 4 || p.get(3).equals("refs") && p.size() == 5) {
        return "the " + p.get(p.size() - 1) + " of " + repo;
      }
      return describeItem(p.subList(3, p.size())) + " of " + repo;
    }
    if ((p.get(0).equals("workspaces") || p.get(0).equals("repositories")) && p.size() >= 2) {
      String ws = "workspace '" + p.get(1) + "'";
      return p.size() == 2 ? ws : describeItem(p.subList(2, p.size())) + " of " + ws;
    }
    return "'/" + String.join("/", p) + "'";
  }

  private static String describeItem(List<String> rest) {
    // [pullrequests, 7, comments, 3] -> comments '3' of pullrequests '7'
    if (!rest.isEmpty() && rest.get(0).equals("refs")) {
      rest = rest.subList(1, rest.size()); // refs/branches/main: a branch, not "the refs"
    }
    StringBuilder s = new StringBuilder();
    for (int i = rest.size() - 1; i >= 0; i--) {
      if (s.length() > 0) {
        s.append(" of ");
      }
      if (i > 0 && !isCollection(rest.get(i))) {
        s.append(rest.get(i - 1)).append(" '").append(rest.get(i)).append("'");
        i--;
      } else {
        s.append("the ").append(rest.get(i));
      }
    }
    return s.toString();
  }

  private static boolean isCollection(String segment) {
    return List.of("pullrequests", "comments", "commits", "branches", "tags", "pipelines",
        "issues", "refs", "projects", "members", "steps", "diffstat", "src").contains(segment);
  }

  private List<String> relativePath(HttpUrl url) {
    List<String> segments = url.pathSegments().stream().filter(s -> !s.isEmpty()).toList();
    if (segments.size() >= basePath.size()
        && segments.subList(0, basePath.size()).equals(basePath)) {
      return segments.subList(basePath.size(), segments.size());
    }
    return segments;
  }
}
