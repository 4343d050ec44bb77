package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code /pipelines}: the pipelines API has its own list parameters instead of BBQL
 * ({@code creator.uuid, target.ref_type, target.ref_name, target.branch, target.commit.hash,
 * trigger_type, status, sort=created_on|-created_on}); get by uuid; POST triggers a run.
 */
final class PipelineEndpoints {
  private static final String BASE = "/2.0/repositories/{ws}/{repo}/pipelines";

  static void register(Router router, EndpointContext ctx) {
    EmulatorStore store = ctx.store();
    router.add("GET", BASE, "pipeline", (req, v) -> {
      List<ObjectNode> items = store.snapshot(v.get("ws"), v.get("repo"), "pipelines");
      List<Predicate<ObjectNode>> filters = new ArrayList<>();
      equal(req, filters, "creator.uuid", "creator.uuid");
      equal(req, filters, "target.ref_type", "target.ref_type");
      equal(req, filters, "target.ref_name", "target.ref_name");
      equal(req, filters, "target.commit.hash", "target.commit.hash");
      String branch = req.param("target.branch");
      if (branch != null) {
        filters.add(o -> "branch".equals(Json.text(o, "target.ref_type")) && branch.equals(Json.text(o, "target.ref_name")));
      }
      String trigger = req.param("trigger_type");
      if (trigger != null) {
        filters.add(o -> trigger.equalsIgnoreCase(Json.text(o, "trigger.name")));
      }
      // status matches the state (PENDING, IN_PROGRESS, COMPLETED) or the result (SUCCESSFUL, FAILED...).
      List<String> statuses = req.params("status");
      if (!statuses.isEmpty()) {
        filters.add(o -> statuses.stream().anyMatch(s -> s.equalsIgnoreCase(Json.text(o, "state.name"))
            || s.equalsIgnoreCase(Json.text(o, "state.result.name")) || s.equalsIgnoreCase(Json.text(o, "state.stage.name"))));
      }
      if (!filters.isEmpty()) {
        items = PagedList.where(items, o -> filters.stream().allMatch(f -> f.test(o)));
      }
      String sort = req.param("sort");
      if (sort != null) {
        Comparator<ObjectNode> byCreated = Comparator.comparing(o -> o.get("created_on").asText());
        switch (sort) {
          case "created_on" -> { }
          case "-created_on" -> {
            items = new ArrayList<>(items);
            items.sort(byCreated.reversed().thenComparing(Comparator.comparingInt(
                (ObjectNode o) -> o.get("build_number").asInt()).reversed()));
          }
          default -> throw ApiException.badRequest("Invalid sort '" + sort + "': use created_on or -created_on");
        }
      }
      return ctx.pager().page(req, items, PagedList.DEFAULT_CAP);
    });
    router.add("POST", BASE, "pipeline:write", (req, v) -> EndpointContext.created(
        store.creator().pipeline(v.get("ws"), v.get("repo"), Json.parseObject(req.body()))));
    router.add("GET", BASE + "/{uuid}", "pipeline", (req, v) -> {
      String uuid = v.get("uuid");
      // The uuid is accepted with or without braces, as the real endpoint does.
      String key = uuid.startsWith("{") ? uuid : "{" + uuid + "}";
      ObjectNode p = store.repository(v.get("ws"), v.get("repo")).pipelines.get(key.toLowerCase(Locale.ROOT));
      if (p == null) {
        throw ApiException.notFound("Pipeline " + uuid + " not found");
      }
      return ApiResponse.json(200, p);
    });
  }

  private static void equal(ApiRequest req, List<Predicate<ObjectNode>> filters, String param, String path) {
    String value = req.param(param);
    if (value != null) {
      filters.add(o -> value.equals(Json.text(o, path)));
    }
  }

  private PipelineEndpoints() {}
}
