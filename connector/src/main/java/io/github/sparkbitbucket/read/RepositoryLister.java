package io.github.sparkbitbucket.read;

import com.fasterxml.jackson.core.JsonToken;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.PageInfo;
import io.github.sparkbitbucket.api.RequestStats;
import java.util.ArrayList;
import java.util.List;

/** Lists slugs: the repositories of a workspace, the workspaces the credentials can see. */
public final class RepositoryLister {
  private final BitbucketClient client;
  private final RequestStats stats;

  public RepositoryLister(ReadOptions options, RequestStats stats) {
    this.client = BitbucketClient.shared(options.connection());
    this.stats = stats;
  }

  /** Every repository slug of {@code ws}; an unknown workspace fails naming the visible ones. */
  public List<String> list(String ws) {
    List<String> out = new ArrayList<>();
    String next = null;
    try {
      do {
        var req = next == null
            ? client.get("/repositories/{ws}", ws).query("pagelen", 100)
                .query("fields", "next,values.slug")
            : client.get(next);
        PageInfo info = req.stats(stats).page(p -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("slug") && p.currentToken() == JsonToken.VALUE_STRING) {
              out.add(p.getText());
            } else {
              p.skipChildren();
            }
          }
        });
        next = info.next();
      } while (next != null);
      return out;
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND) {
        throw new BitbucketApiException(e.kind(), e.status(), e.method(), e.url(),
            "Workspace '" + ws + "' was not found (404) or is not visible to these credentials."
            + " Workspaces you can see: " + workspacesOrExplain() + ". Fix the 'workspace'"
            + " option or the catalog namespace.", e);
      }
      throw e;
    }
  }

  /** The repository slugs, or a note on why they could not be listed (for error messages). */
  String listOrExplain(String ws) {
    try {
      return String.join(", ", list(ws));
    } catch (RuntimeException e) {
      return "(could not list them: " + e.getMessage() + ")";
    }
  }

  /** Slugs of the workspaces the credentials can see ({@code GET /user/workspaces}). */
  public List<String> workspaces() {
    List<String> out = new ArrayList<>();
    String next = null;
    do {
      var req = next == null
          ? client.get("/user/workspaces").query("pagelen", 100)
              .query("fields", "next,values.workspace.slug")
          : client.get(next);
      PageInfo info = req.stats(stats).page(p -> {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (f.equals("workspace") && p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String g = p.currentName();
              p.nextToken();
              if (g.equals("slug") && p.currentToken() == JsonToken.VALUE_STRING) {
                out.add(p.getText());
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
      });
      next = info.next();
    } while (next != null);
    return out;
  }

  String workspacesOrExplain() {
    try {
      return String.join(", ", workspaces());
    } catch (RuntimeException e) {
      return "(could not list them: " + e.getMessage() + ")";
    }
  }
}
