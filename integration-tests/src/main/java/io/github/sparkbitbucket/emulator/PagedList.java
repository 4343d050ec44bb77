package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.query.Bbql;
import io.github.sparkbitbucket.emulator.query.BbqlException;
import io.github.sparkbitbucket.emulator.query.BbqlQuery;
import io.github.sparkbitbucket.emulator.query.Sort;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Page-numbered lists as the real API serves them: {@code q=} and {@code sort=}, then the
 * envelope {@code size, page, pagelen, values, next, previous}, with {@code next}/{@code previous}
 * as absolute URLs on the emulator that keep the request's other query parameters.
 */
final class PagedList {
  /** Most lists. */
  static final int DEFAULT_CAP = 100;
  /** Pull request lists. */
  static final int PULL_REQUEST_CAP = 50;
  static final int DEFAULT_PAGELEN = 10;

  private final String origin;

  /** @param origin scheme, host and port, e.g. {@code http://127.0.0.1:7990} */
  PagedList(String origin) {
    this.origin = origin;
  }

  /** Applies {@code q} (when {@code filterable}) and {@code sort} from the request. */
  static List<ObjectNode> filterAndSort(ApiRequest req, List<ObjectNode> items, boolean filterable) {
    List<ObjectNode> out = items;
    String q = req.param("q");
    if (q != null && !q.isBlank()) {
      if (!filterable) {
        throw ApiException.badRequest("This endpoint does not support the 'q' parameter");
      }
      BbqlQuery query = parseQuery(q);
      try {
        rejectUnknownFields(query, items);
        if (!items.isEmpty()) {
          query.matches(items.get(0)); // a type error is a 400 even if the id range skips every row
        }
        // What a database index on id does: rows outside the filter's id range are not examined
        long[] ids = query.integerBounds("id");
        out = new ArrayList<>();
        for (ObjectNode o : items) {
          if ((ids == null || inRange(o.get("id"), ids)) && query.matches(o)) {
            out.add(o);
          }
        }
      } catch (BbqlException e) {
        throw new ApiException(ApiResponse.error(400, e.getMessage(), null));
      }
    }
    String sort = req.param("sort");
    if (sort != null && !sort.isBlank()) {
      Comparator<JsonNode> order;
      try {
        order = Sort.parse(sort);
      } catch (BbqlException e) {
        throw new ApiException(ApiResponse.error(400, e.getMessage(), null));
      }
      out = new ArrayList<>(out);
      out.sort(order);
    }
    return out;
  }

  /** False only for an integer outside {@code range}: anything else is left to the filter. */
  private static boolean inRange(JsonNode value, long[] range) {
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      return true;
    }
    long v = value.longValue();
    return v >= range[0] && v <= range[1];
  }

  /**
   * The real API refuses to filter on a field its objects do not have (e.g. {@code values.state});
   * the objects' top-level keys tell which fields exist.
   */
  private static void rejectUnknownFields(BbqlQuery query, List<ObjectNode> items) {
    if (items.isEmpty()) {
      return;
    }
    ObjectNode sample = items.get(0);
    for (String field : query.fields()) {
      String top = field.split("\\.", 2)[0];
      if (!sample.has(top)) {
        throw BbqlException.unsupportedField(field);
      }
    }
  }

  static BbqlQuery parseQuery(String q) {
    try {
      return Bbql.parse(q);
    } catch (BbqlException e) {
      throw new ApiException(ApiResponse.error(400, e.getMessage(), null));
    }
  }

  static List<ObjectNode> where(List<ObjectNode> items, Predicate<ObjectNode> keep) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : items) {
      if (keep.test(o)) {
        out.add(o);
      }
    }
    return out;
  }

  /** One page of {@code items} in the envelope; 400 "Invalid pagelen" above {@code cap}. */
  ApiResponse page(ApiRequest req, List<? extends JsonNode> items, int cap) {
    int pagelen = pagelen(req, cap);
    int page = req.intParam("page", 1);
    if (page < 1) {
      throw ApiException.badRequest("Invalid page");
    }
    int size = items.size();
    long from = (long) (page - 1) * pagelen;
    ObjectNode body = Json.object();
    body.put("size", size);
    body.put("page", page);
    body.put("pagelen", pagelen);
    ArrayNode values = body.putArray("values");
    if (from < size) {
      int to = (int) Math.min(size, from + pagelen);
      for (int i = (int) from; i < to; i++) {
        values.add(items.get(i));
      }
      if (to < size) {
        body.put("next", link(req, "page", String.valueOf(page + 1)));
      }
    }
    if (page > 1) {
      body.put("previous", link(req, "page", String.valueOf(Math.min(page - 1, Math.max(1, (size + pagelen - 1) / pagelen)))));
    }
    return ApiResponse.json(200, body);
  }

  static int pagelen(ApiRequest req, int cap) {
    String raw = req.param("pagelen");
    if (raw == null || raw.isEmpty()) {
      return Math.min(DEFAULT_PAGELEN, cap);
    }
    int pagelen;
    try {
      pagelen = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Invalid pagelen");
    }
    if (pagelen < 1 || pagelen > cap) {
      throw ApiException.badRequest("Invalid pagelen");
    }
    return pagelen;
  }

  /** The request's own URL with one query parameter replaced (added when absent). */
  String link(ApiRequest req, String param, String value) {
    StringBuilder sb = new StringBuilder(origin).append(req.path()).append('?');
    boolean replaced = false;
    boolean first = true;
    for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
      for (String v : e.getValue()) {
        if (e.getKey().equals(param)) {
          if (replaced) {
            continue;
          }
          v = value;
          replaced = true;
        }
        if (!first) {
          sb.append('&');
        }
        first = false;
        sb.append(encode(e.getKey())).append('=').append(encode(v));
      }
    }
    if (!replaced) {
      if (!first) {
        sb.append('&');
      }
      sb.append(encode(param)).append('=').append(encode(value));
    }
    return sb.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
