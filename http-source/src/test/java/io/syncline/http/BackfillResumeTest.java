package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backfill that fails part-way resumes from the engine's checkpoint, which holds the source's
 * continuation (a page number or a next-page token): the second run asks for the failed page
 * first and never again for the pages already stored.
 */
class BackfillResumeTest {
  private static final int N = 23;

  private LoopbackServer server;
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failed = new AtomicBoolean();
  private volatile String failWhen = "";
  private final Resource items = Resource.builder("items").pageSize(5).build();

  @BeforeEach
  void start() {
    server = LoopbackServer.start("/", this::handle);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI base() {
    return server.base();
  }

  /** Items with id > since_id, from {@code from} on, at most per_page; answers 400 once for the scripted request. */
  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = FieldServiceServer.query(ex.getRequestURI());
      requests.add(q);
      String key = q.containsKey("page") ? "page=" + q.get("page") : "cursor=" + q.get("cursor");
      if (key.equals(failWhen) && failed.compareAndSet(false, true)) {
        FieldServiceServer.send(ex, 400, "{\"error\":\"temporarily rejected\"}");
        return;
      }
      int sinceId = Integer.parseInt(q.getOrDefault("since_id", "0"));
      int size = Integer.parseInt(q.get("per_page"));
      List<Integer> ids = IntStream.rangeClosed(1, N).filter(i -> i > sinceId).boxed().toList();
      int from = switch (ex.getRequestURI().getPath()) {
        case "/paged" -> (Integer.parseInt(q.get("page")) - 1) * size;
        default -> q.containsKey("cursor") ? Integer.parseInt(q.get("cursor").substring(1)) : 0;
      };
      List<Integer> page = ids.subList(Math.min(from, ids.size()), Math.min(from + size, ids.size()));
      String data = page.stream().map(i -> "{\"id\":" + i + ",\"name\":\"item " + i + "\"}")
          .collect(Collectors.joining(",", "[", "]"));
      boolean more = from + size < ids.size();
      String next = more ? "\"t" + (from + size) + "\"" : "null";
      FieldServiceServer.send(ex, 200, "{\"data\":" + data + ",\"meta\":{\"has_more\":" + more
          + ",\"next\":" + next + "}}");
    }
  }

  private List<String> seen(String parameter) {
    List<String> out = new ArrayList<>();
    for (Map<String, String> q : requests) {
      out.add(q.getOrDefault(parameter, "-") + (q.containsKey("since_id") ? "&since_id=" + q.get("since_id") : ""));
    }
    return out;
  }

  private static List<String> ids(InMemoryRecordStore store) {
    return store.all("items").stream().map(StoredRecord::id).map(Integer::parseInt).sorted()
        .map(String::valueOf).toList();
  }

  private static List<String> allIds() {
    return IntStream.rangeClosed(1, N).mapToObj(Integer::toString).toList();
  }

  private void failOnceThenResume(Endpoint endpoint) {
    HttpRecordSource source = HttpRecordSource.builder(base()).endpoint("items", endpoint).build();
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = SyncEngine.builder(source, store).resource(items).clock(MutableClock.standard()).build();

    assertThatThrownBy(() -> engine.backfill(items)).isInstanceOf(HttpSourceException.class)
        .hasMessageContaining("400").hasMessageContaining("temporarily rejected");
    assertThat(ids(store)).isEqualTo(allIds().subList(0, 10));
    int firstRun = requests.size();
    assertThat(firstRun).isEqualTo(3); // pages 1 and 2 stored, page 3 rejected (400 is not retried)

    engine.backfill(items);

    assertThat(ids(store)).isEqualTo(allIds());
    requests.subList(0, firstRun).clear();
  }

  @Test
  void pageNumberBackfillResumesAtTheFailedPage() {
    failWhen = "page=3";

    failOnceThenResume(Conventions.demoApi("/paged").paginator(Paginator.pageNumber("page")).noTotal().noSort().build());

    // Pages 3..5 of the backfill, then the catch-up pass after the last stored id.
    assertThat(seen("page")).containsExactly("3", "4", "5", "1&since_id=23");
  }

  @Test
  void nextTokenBackfillResumesWithTheSavedToken() {
    failWhen = "cursor=t10";

    failOnceThenResume(Conventions.demoApi("/token").paginator(Paginator.nextToken("/meta/next", "cursor"))
        .noTotal().noSort().build());

    assertThat(seen("cursor")).containsExactly("t10", "t15", "t20", "-&since_id=23");
  }
}
