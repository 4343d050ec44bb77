package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /user}, {@code /user/workspaces}, {@code /workspaces/{ws}}, {@code /workspaces/{ws}/members},
 * and the removed cross-workspace lists ({@code GET /workspaces}, {@code GET /repositories}: 410).
 */
final class AccountEndpoints {
  /** The real CHANGE-2770 body (quoted in SOURCES.md from an Atlassian Community thread). */
  static ApiResponse change2770() {
    ApiResponse r = ApiResponse.error(410, "CHANGE-2770 - Functionality has been deprecated",
        "Please read the changelog entry for more details.");
    ((ObjectNode) r.json().get("error")).putObject("data").put("announcement_url",
        "https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-2770");
    return r;
  }

  static void register(Router router, EndpointContext ctx) {
    EmulatorStore store = ctx.store();
    router.add("GET", "/2.0/user", "account",
        (req, v) -> ApiResponse.json(200, ctx.factory().currentUser(store.currentUser(), store.currentUserCreatedOn())));
    router.add("GET", "/2.0/user/workspaces", "account", (req, v) -> {
      List<ObjectNode> access = new ArrayList<>();
      for (String slug : store.workspaces()) {
        boolean admin = "acme".equals(slug);
        access.add(ctx.factory().workspaceAccess(store.workspace(slug).workspace, admin));
      }
      String administrator = req.param("administrator");
      if (administrator != null) {
        boolean wanted = Boolean.parseBoolean(administrator);
        access = PagedList.where(access, o -> o.get("administrator").asBoolean() == wanted);
      }
      return ctx.pager().page(req, PagedList.filterAndSort(req, access, true), PagedList.DEFAULT_CAP);
    });
    router.add("GET", "/2.0/workspaces", null, (req, v) -> change2770());
    router.add("GET", "/2.0/repositories", null, (req, v) -> change2770());
    router.add("GET", "/2.0/workspaces/{ws}", "account",
        (req, v) -> ApiResponse.json(200, store.workspace(v.get("ws")).workspace));
    router.add("GET", "/2.0/workspaces/{ws}/members", "account", (req, v) -> ctx.pager().page(req,
        PagedList.filterAndSort(req, store.snapshot(v.get("ws"), null, "members"), true), PagedList.DEFAULT_CAP));
    router.add("GET", "/2.0/workspaces/{ws}/members/{member}", "account", (req, v) -> {
      ObjectNode m = store.table(v.get("ws"), null, "members").get(v.get("member"));
      if (m == null) {
        throw ApiException.notFound(v.get("member") + " is not a member of " + v.get("ws"));
      }
      return ApiResponse.json(200, m);
    });
  }

  private AccountEndpoints() {}
}
