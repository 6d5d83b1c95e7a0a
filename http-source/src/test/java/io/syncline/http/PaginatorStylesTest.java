package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.syncline.Cursor;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncMode;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every pagination style against a real server that speaks it. */
class PaginatorStylesTest {
  private static final int N = 23;
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00.000Z");
  /** Two hours after the items' timestamps: every clock the engine reads, whatever today's date. */
  private final MutableClock clock = MutableClock.standard();

  private LoopbackServer server;
  private final List<URI> requests = new CopyOnWriteArrayList<>();
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

  private static String item(int i) {
    return "{\"id\":" + i + ",\"name\":\"item " + i + "\",\"updated_at\":\"" + T0.plusSeconds(i) + "\"}";
  }

  private static String items(int from, int to) {
    return IntStream.range(from, Math.min(to, N)).mapToObj(i -> item(i + 1)).collect(Collectors.joining(",", "[", "]"));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      URI uri = ex.getRequestURI();
      requests.add(uri);
      Map<String, String> q = FieldServiceServer.query(uri);
      String body;
      switch (uri.getPath()) {
        case "/paged" -> {
          int page = Integer.parseInt(q.get("page"));
          int size = Integer.parseInt(q.get("per_page"));
          body = "{\"items\":" + items((page - 1) * size, page * size) + (q.containsKey("nototal") ? "" : ",\"total\":" + N) + "}";
        }
        case "/offset" -> {
          int offset = Integer.parseInt(q.get("offset"));
          body = items(offset, offset + Integer.parseInt(q.get("limit")));
        }
        case "/token" -> {
          int from = q.containsKey("cursor") ? Integer.parseInt(new StringBuilder(q.get("cursor").substring(1)).reverse().toString()) : 0;
          int to = from + Integer.parseInt(q.get("per_page"));
          String next = to < N ? "\"c" + new StringBuilder(Integer.toString(to)).reverse() + "\"" : "null";
          body = "{\"data\":" + items(from, to) + ",\"meta\":{\"next_cursor\":" + next + "}}";
        }
        case "/token-loop" -> body = "{\"data\":" + items(0, 5) + ",\"meta\":{\"next_cursor\":\"again\"}}";
        case "/nexturl" -> {
          int from = q.containsKey("from") ? Integer.parseInt(q.get("from")) : 0;
          int to = from + 5;
          body = "{\"data\":" + items(from, to) + ",\"links\":{\"next\":" + (to < N ? "\"/nexturl?from=" + to + "\"" : "null") + "}}";
        }
        case "/link" -> {
          int p = q.containsKey("p") ? Integer.parseInt(q.get("p")) : 0;
          if ((p + 1) * 5 < N) {
            ex.getResponseHeaders().add("Link", "<" + base() + "/link?p=" + (p + 1) + ">; rel=\"next\", <" + base() + "/link?p=0>; rel=\"first\"");
          }
          body = items(p * 5, p * 5 + 5);
        }
        case "/newest" -> {
          int page = Integer.parseInt(q.get("page"));
          List<String> desc = new ArrayList<>();
          for (int i = N; i >= 1; i--) {
            desc.add(item(i));
          }
          int from = Math.min((page - 1) * 5, N);
          body = "{\"data\":[" + String.join(",", desc.subList(from, Math.min(from + 5, N))) + "]}";
        }
        default -> body = "{}";
      }
      FieldServiceServer.send(ex, 200, body);
    }
  }

  private InMemoryRecordStore backfill(Endpoint endpoint) {
    HttpRecordSource source = HttpRecordSource.builder(base()).endpoint("items", endpoint).build();
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine.builder(source, store).resource(items).clock(clock).build().backfill(items);
    return store;
  }

  private static List<String> ids(InMemoryRecordStore store) {
    return store.all("items").stream().map(StoredRecord::id).sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).toList();
  }

  private static List<String> allIds() {
    return IntStream.rangeClosed(1, N).mapToObj(Integer::toString).toList();
  }

  @Test
  void pageNumbersEndWhenTheTotalIsReached() {
    InMemoryRecordStore store = backfill(Conventions.demoApi("/paged").records("/items").paginator(Paginator.pageNumber("page"))
        .noHasMore().total("/total").noIdFilter().noSort().build());

    assertThat(ids(store)).isEqualTo(allIds());
    assertThat(requests.stream().filter(u -> u.getPath().equals("/paged")).map(u -> FieldServiceServer.query(u).get("page")))
        .startsWith("1", "2", "3", "4", "5");
  }

  @Test
  void pageNumbersEndOnAShortPageWithoutTotal() {
    InMemoryRecordStore store = backfill(Conventions.demoApi("/paged").records("/items").paginator(Paginator.pageNumber("page"))
        .noHasMore().noTotal().noIdFilter().noSort().parameter("nototal", "1").build());

    assertThat(ids(store)).isEqualTo(allIds());
  }

  @Test
  void offsetAndLimitOverATopLevelArray() {
    InMemoryRecordStore store = backfill(Conventions.demoApi("/offset").records("").paginator(Paginator.offset("offset"))
        .pageSize("limit", 100).noHasMore().noTotal().noIdFilter().noSort().build());

    assertThat(ids(store)).isEqualTo(allIds());
    assertThat(requests).anySatisfy(u -> assertThat(FieldServiceServer.query(u)).containsEntry("offset", "20").containsEntry("limit", "5"));
  }

  @Test
  void nextPageTokenFromTheBody() {
    InMemoryRecordStore store = backfill(Conventions.demoApi("/token").paginator(Paginator.nextToken("/meta/next_cursor", "cursor"))
        .noHasMore().noTotal().noIdFilter().noSort().build());

    assertThat(ids(store)).isEqualTo(allIds());
  }

  @Test
  void repeatingNextPageTokenFailsInsteadOfLooping() {
    HttpRecordSource source = HttpRecordSource.builder(base()).endpoint("items", Conventions.demoApi("/token-loop")
        .paginator(Paginator.nextToken("/meta/next_cursor", "cursor")).noHasMore().noTotal().noIdFilter().noSort().build()).build();
    PageRequest first = new PageRequest(items, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.empty(), Optional.empty(),
        Optional.empty(), 1);
    Page p1 = source.fetch(first);
    PageRequest second = new PageRequest(items, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.of(new Cursor.IdOnly("5")),
        p1.continuation(), Optional.empty(), 2);

    assertThatThrownBy(() -> source.fetch(second)).isInstanceOf(HttpSourceException.class)
        .hasMessageContaining("already given").hasMessageContaining("loop");
  }

  @Test
  void nextPageUrlFromTheBodyResolvedAgainstTheRequest() {
    InMemoryRecordStore store = backfill(Conventions.demoApi("/nexturl").paginator(Paginator.nextUrl("/links/next"))
        .noHasMore().noTotal().noIdFilter().noSort().build());

    assertThat(ids(store)).isEqualTo(allIds());
  }

  @Test
  void linkHeaderRelNext() {
    InMemoryRecordStore store = backfill(Conventions.demoApi("/link").records("").paginator(Paginator.linkHeader())
        .noHasMore().noTotal().noIdFilter().noSort().build());

    assertThat(ids(store)).isEqualTo(allIds());
  }

  @Test
  void newestFirstWithoutServerSideFilterStopsOnceAPageReachesARecordOlderThanThePosition() {
    Resource timestamped = Resource.builder("items").cursorField("updated_at").pageSize(5).build();
    HttpRecordSource source = HttpRecordSource.builder(base()).endpoint("items", Conventions.demoApi("/newest")
        .paginator(Paginator.pageNumber("page")).noTimestampFilter().noIdFilter().sort("sort", "id", "updated_at")
        .newestFirst("-updated_at").noHasMore().noTotal().build()).build();
    Cursor position = Cursor.Timestamped.atOrAfter(T0.plusSeconds(15)); // items 15..23 are new
    List<SourceRecord> got = new ArrayList<>();
    PageRequest req = new PageRequest(timestamped, SyncMode.INCREMENTAL, PageRequest.Order.UPDATED_AT_THEN_ID,
        Optional.of(position), Optional.empty(), Optional.empty(), 1);
    while (true) {
      Page page = source.fetch(req);
      assertThat(page.sorted()).isFalse();
      got.addAll(page.records());
      if (!page.hasMore()) {
        break;
      }
      req = new PageRequest(timestamped, SyncMode.INCREMENTAL, req.order(), req.after(), page.continuation(),
          Optional.empty(), req.pageNumber() + 1);
    }

    assertThat(got).extracting(SourceRecord::id).containsExactlyInAnyOrder("15", "16", "17", "18", "19", "20", "21", "22", "23");
    assertThat(requests).allSatisfy(u -> assertThat(FieldServiceServer.query(u)).containsEntry("sort", "-updated_at"));
    assertThat(requests).hasSize(2); // 23..19, 18..14 (reaches an older record): stop
  }

  @Test
  void incrementalNewestFirstThroughTheEngineStoresEveryNewRecord() {
    Resource timestamped = Resource.builder("items").cursorField("updated_at").pageSize(5).build();
    HttpRecordSource source = HttpRecordSource.builder(base()).endpoint("items", Conventions.demoApi("/newest")
        .paginator(Paginator.pageNumber("page")).noTimestampFilter().noIdFilter().sort("sort", "id", "updated_at")
        .newestFirst("-updated_at").noHasMore().noTotal().build()).build();
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = SyncEngine.builder(source, store).resource(timestamped).clock(clock).build();

    engine.incremental(timestamped); // first run reads 24 h back: everything

    assertThat(ids(store)).isEqualTo(allIds());
    assertThat(engine.status(timestamped).state().flatMap(s -> s.cursor())).contains(
        Cursor.Timestamped.after(T0.plusSeconds(N), Integer.toString(N)));
  }
}
