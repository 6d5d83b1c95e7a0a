package io.syncline.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.IdOrder;
import io.syncline.http.VendorServer.Answer;
import io.syncline.http.VendorServer.Rec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Server-side list conventions for {@link VendorServer}, each as its vendor documents it. */
final class VendorListings {
  private VendorListings() {}

  /**
   * The demo API's keyset convention: {@code updated_since} (inclusive), {@code since_id}
   * ({@code id > since_id}, on its own, not a pair filter), {@code sort=updated_at|id},
   * {@code per_page}; any other parameter (a {@code page} included) is a 400; answers {@code {"data":[…],"meta":{"has_more","total"}}}.
   */
  static VendorServer.Listing demoKeyset() {
    return (s, q, self) -> {
      Answer bad = unknown(q, "updated_since", "since_id", "sort", "per_page");
      if (bad != null) {
        return bad;
      }
      List<Rec> recs = "updated_at".equals(q.get("sort")) ? s.byUpdatedAt() : s.records();
      Instant since = q.containsKey("updated_since") ? Instant.parse(q.get("updated_since")) : null;
      String sinceId = q.get("since_id");
      List<Rec> match = new ArrayList<>();
      for (Rec r : recs) {
        if (since != null && r.updatedAt().isBefore(since)) {
          continue;
        }
        if (sinceId != null && IdOrder.INSTANCE.compare(r.id(), sinceId) <= 0) {
          continue;
        }
        match.add(r);
      }
      int perPage = Integer.parseInt(q.getOrDefault("per_page", "100"));
      int to = Math.min(match.size(), perPage);
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.set("data", s.array(match.subList(0, to)));
      ObjectNode meta = body.putObject("meta");
      meta.put("has_more", to < match.size());
      meta.put("total", match.size());
      return Answer.json(body);
    };
  }

  /** @return a 400 answer naming the first parameter not in {@code allowed}, or null */
  static Answer unknown(Map<String, String> q, String... allowed) {
    List<String> ok = Arrays.asList(allowed);
    for (String k : q.keySet()) {
      if (!ok.contains(k)) {
        return Answer.badRequest("unknown parameter " + k);
      }
    }
    return null;
  }

  private static String queryOf(Map<String, String> q) {
    return q.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  /**
   * GitHub's issue list: {@code since} (ISO-8601, inclusive, on {@code updated_at}),
   * {@code sort=created|updated}, {@code direction=asc}, {@code per_page}, {@code page}; a
   * top-level array; the next page only in the {@code Link} header. Other parameters are a 400.
   */
  static VendorServer.Listing linkHeaderSince() {
    return (s, q, self) -> {
      Answer bad = unknown(q, "since", "sort", "direction", "per_page", "page");
      if (bad != null) {
        return bad;
      }
      if (!"asc".equals(q.get("direction"))) {
        return Answer.badRequest("this fixture serves direction=asc only");
      }
      List<Rec> recs = "updated".equals(q.get("sort")) ? s.byUpdatedAt() : s.records();
      Instant since = q.containsKey("since") ? Instant.parse(q.get("since")) : null;
      List<Rec> match = recs.stream().filter(r -> since == null || !r.updatedAt().isBefore(since)).toList();
      int perPage = Integer.parseInt(q.getOrDefault("per_page", "30"));
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      int from = Math.min(match.size(), (page - 1) * perPage);
      int to = Math.min(match.size(), from + perPage);
      Answer a = Answer.json(s.array(match.subList(from, to)));
      if (to < match.size()) {
        Map<String, String> next = new java.util.LinkedHashMap<>(q);
        next.put("page", Integer.toString(page + 1));
        a = a.withHeader("Link", "<" + self + "?" + queryOf(next) + ">; rel=\"next\"");
      }
      return a;
    };
  }

  /**
   * Ascending keyset by id: {@code starting_after}, {@code limit}; answers
   * {@code {"object":"list","data":[…],"has_more":…}}. Other parameters are a 400.
   */
  static VendorServer.Listing startingAfter() {
    return (s, q, self) -> {
      Answer bad = unknown(q, "starting_after", "limit");
      if (bad != null) {
        return bad;
      }
      String after = q.get("starting_after");
      List<Rec> match = s.records().stream()
          .filter(r -> after == null || IdOrder.INSTANCE.compare(r.id(), after) > 0).toList();
      int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.put("object", "list");
      body.set("data", s.array(match.subList(0, Math.min(limit, match.size()))));
      body.put("has_more", match.size() > limit);
      return Answer.json(body);
    };
  }

  /**
   * An opaque page token that encodes the position and the filters: the first request takes
   * {@code limit}; a request with {@code page_token} may carry only {@code limit} besides it (any
   * other parameter is a 400, as Shopify answers for {@code page_info}).
   */
  static VendorServer.Listing pageToken() {
    return (s, q, self) -> {
      String token = q.get("page_token");
      Answer bad = token == null ? unknown(q, "limit") : unknown(q, "limit", "page_token");
      if (bad != null) {
        return bad;
      }
      String after = token == null ? null
          : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).substring("after:".length());
      List<Rec> match = s.records().stream()
          .filter(r -> after == null || IdOrder.INSTANCE.compare(r.id(), after) > 0).toList();
      int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
      List<Rec> page = match.subList(0, Math.min(limit, match.size()));
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.set("data", s.array(page));
      if (match.size() > limit) {
        body.put("next_page_token", Base64.getUrlEncoder().encodeToString(
            ("after:" + page.get(page.size() - 1).id()).getBytes(StandardCharsets.UTF_8)));
      } else {
        body.putNull("next_page_token");
      }
      return Answer.json(body);
    };
  }

  /**
   * The records an optional {@code since} (inclusive, ISO-8601) keeps, in the order of an optional
   * {@code sort=updated} (by ({@code updated_at}, id)), else by id.
   */
  private static List<Rec> sinceAndSort(VendorServer s, Map<String, String> q) {
    List<Rec> recs = "updated".equals(q.get("sort")) ? s.byUpdatedAt() : s.records();
    Instant since = q.containsKey("since") ? Instant.parse(q.get("since")) : null;
    return recs.stream().filter(r -> since == null || !r.updatedAt().isBefore(since)).toList();
  }

  /** Offset and limit (optionally {@code since} and {@code sort=updated}) with a total: {@code {"data":[…],"total":N}}. */
  static VendorServer.Listing offsetLimit() {
    return (s, q, self) -> {
      Answer bad = unknown(q, "offset", "limit", "since", "sort");
      if (bad != null) {
        return bad;
      }
      List<Rec> all = sinceAndSort(s, q);
      int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
      int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
      int from = Math.min(all.size(), offset);
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.set("data", s.array(all.subList(from, Math.min(all.size(), from + limit))));
      body.put("total", all.size());
      return Answer.json(body);
    };
  }

  /**
   * Page numbers (optionally {@code since} and {@code sort=updated}): {@code page},
   * {@code per_page}; {@code {"data":[…],"total":N}} (an endpoint reads the total only when told to).
   */
  static VendorServer.Listing pagePerPage() {
    return (s, q, self) -> {
      Answer bad = unknown(q, "page", "per_page", "since", "sort");
      if (bad != null) {
        return bad;
      }
      List<Rec> all = sinceAndSort(s, q);
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      int perPage = Integer.parseInt(q.getOrDefault("per_page", "10"));
      int from = Math.min(all.size(), (page - 1) * perPage);
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.set("data", s.array(all.subList(from, Math.min(all.size(), from + perPage))));
      body.put("total", all.size());
      return Answer.json(body);
    };
  }

  /**
   * Stripe's list: newest {@code created} first (ties by id, descending), {@code limit},
   * {@code starting_after=<id>} (the objects after that one in this order; an unknown id is a 400);
   * answers {@code {"object":"list","data":[…],"has_more":…}}. Other parameters are a 400.
   */
  static VendorServer.Listing newestFirstStartingAfter() {
    return (s, q, self) -> {
      Answer bad = unknown(q, "limit", "starting_after");
      if (bad != null) {
        return bad;
      }
      List<Rec> all = new java.util.ArrayList<>(s.records());
      all.sort(java.util.Comparator.comparing(Rec::created).thenComparing(Rec::id).reversed());
      int from = 0;
      String after = q.get("starting_after");
      if (after != null) {
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).id().equals(after)) {
            at = i;
          }
        }
        if (at < 0) {
          return Answer.badRequest("No such object: " + after);
        }
        from = at + 1;
      }
      int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
      int to = Math.min(all.size(), from + limit);
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.put("object", "list");
      body.set("data", s.array(all.subList(from, to)));
      body.put("has_more", to < all.size());
      return Answer.json(body);
    };
  }
}
