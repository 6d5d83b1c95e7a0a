package io.syncline.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.IdOrder;
import io.syncline.http.VendorServer.Answer;
import io.syncline.http.VendorServer.Rec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Server-side list conventions for {@link VendorServer}, each as its vendor documents it. */
final class VendorListings {
  private VendorListings() {}

  /**
   * The demo API's keyset convention: {@code updated_since} (inclusive), {@code since_id}
   * ({@code id > since_id}, on its own, not a pair filter), {@code sort=updated_at|id},
   * {@code per_page}, {@code page}; answers {@code {"data":[…],"meta":{"has_more","total"}}}.
   */
  static VendorServer.Listing demoKeyset() {
    return (s, q, self) -> {
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
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      int from = Math.min(match.size(), (page - 1) * perPage);
      int to = Math.min(match.size(), from + perPage);
      ObjectNode body = VendorServer.JSON.createObjectNode();
      body.set("data", s.array(match.subList(from, to)));
      ObjectNode meta = body.putObject("meta");
      meta.put("has_more", to < match.size());
      meta.put("total", match.size());
      return Answer.json(body);
    };
  }
}
