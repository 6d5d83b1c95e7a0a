package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timestamp filters other than the field-service default, against a server that applies them
 * literally: an exclusive {@code updated_after}, and instants written as epoch seconds or epoch
 * milliseconds. In each, a run of equal timestamps spans pages and a record that appears later at
 * the cursor's own instant must still be picked up by the next incremental run.
 */
class TimestampFiltersTest {
  private LoopbackServer server;
  private final MutableClock clock = MutableClock.standard();
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final Map<Long, Instant> records = new TreeMap<>();
  private final Resource items = Resource.builder("items").cursorField("updated_at").pageSize(3).build();

  // How the server reads its filter and writes its records.
  private volatile String parameter;
  private volatile boolean inclusive;
  private volatile Function<String, Instant> readParameter;
  private volatile Function<Instant, String> writeRecordTimestamp;

  @BeforeEach
  void start() {
    server = LoopbackServer.start("/items", this::handle);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI base() {
    return server.base();
  }

  private synchronized void put(long id, Instant at) {
    records.put(id, at);
  }

  /** Keyset listing: updated_at filter, since_id, sort=updated_at (then id) or id, per_page; one page. */
  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = FieldServiceServer.query(ex.getRequestURI());
      requests.add(q);
      String body;
      synchronized (this) {
        Instant bound = q.containsKey(parameter) ? readParameter.apply(q.get(parameter)) : null;
        long sinceId = Long.parseLong(q.getOrDefault("since_id", "0"));
        int size = Integer.parseInt(q.get("per_page"));
        Comparator<Map.Entry<Long, Instant>> order = "updated_at".equals(q.get("sort"))
            ? Map.Entry.<Long, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey())
            : Map.Entry.comparingByKey();
        List<Map.Entry<Long, Instant>> matching = records.entrySet().stream()
            .filter(e -> e.getKey() > sinceId)
            .filter(e -> bound == null || (inclusive ? !e.getValue().isBefore(bound) : e.getValue().isAfter(bound)))
            .sorted(order).toList();
        List<Map.Entry<Long, Instant>> page = matching.subList(0, Math.min(size, matching.size()));
        body = page.stream()
            .map(e -> "{\"id\":" + e.getKey() + ",\"updated_at\":" + writeRecordTimestamp.apply(e.getValue()) + "}")
            .collect(Collectors.joining(",", "{\"data\":[", "],\"meta\":{\"has_more\":"
                + (matching.size() > size) + "}}"));
      }
      FieldServiceServer.send(ex, 200, body);
    }
  }

  private SyncEngine engine(Endpoint endpoint, InMemoryRecordStore store) {
    HttpRecordSource source = HttpRecordSource.builder(base()).clock(clock).endpoint("items", endpoint).build();
    return SyncEngine.builder(source, store).resource(items).clock(clock).build();
  }

  private synchronized Map<String, Instant> expected() {
    Map<String, Instant> m = new TreeMap<>();
    records.forEach((id, at) -> m.put(Long.toString(id), at));
    return m;
  }

  private static Map<String, Instant> stored(InMemoryRecordStore store) {
    Map<String, Instant> m = new TreeMap<>();
    for (StoredRecord r : store.all("items")) {
      m.put(r.id(), r.updatedAt().orElseThrow());
    }
    return m;
  }

  /**
   * Seeds records (ids 1..4 one step apart, ids 5..11 sharing the last instant: more than two pages),
   * runs an incremental, adds a record at that same instant and one later, runs again.
   *
   * @return the filter values the server received in the second run
   */
  private List<String> twoIncrementalRuns(Endpoint endpoint, Instant start, Duration step) {
    for (long id = 1; id <= 4; id++) {
      put(id, start.plus(step.multipliedBy(id)));
    }
    Instant shared = start.plus(step.multipliedBy(5));
    for (long id = 5; id <= 11; id++) {
      put(id, shared);
    }
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = engine(endpoint, store);

    SyncResult first = engine.incremental(items);
    assertThat(first.failure()).isEmpty();
    assertThat(stored(store)).isEqualTo(expected());

    put(12, shared); // appears late at the cursor's own instant
    put(13, shared.plus(step));
    requests.clear();
    SyncResult second = engine.incremental(items);

    assertThat(second.failure()).isEmpty();
    assertThat(stored(store)).isEqualTo(expected());
    List<String> values = new ArrayList<>();
    requests.forEach(q -> values.add(q.get(parameter)));
    return values;
  }

  @Test
  void exclusiveUpdatedAfterIsSentOneMillisecondBeforeThePositionSoEqualTimestampsAreNotSkipped() {
    parameter = "updated_after";
    inclusive = false;
    readParameter = Instant::parse;
    writeRecordTimestamp = at -> "\"" + FieldServiceServer.TS.format(at) + "\"";
    Instant start = clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

    List<String> sent = twoIncrementalRuns(Conventions.demoApi("/items")
        .timestampFilter(TimestampFilter.exclusive("updated_after")).build(), start, Duration.ofMillis(7));

    Instant shared = start.plusMillis(35);
    assertThat(sent.get(0)).isEqualTo(FieldServiceServer.TS.format(shared.minusMillis(1)));
  }

  @Test
  void epochSecondsFilterAndRecordsWithSecondGranularity() {
    parameter = "since";
    inclusive = false;
    readParameter = v -> Instant.ofEpochSecond(Long.parseLong(v));
    writeRecordTimestamp = at -> Long.toString(at.getEpochSecond());
    Instant start = clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

    List<String> sent = twoIncrementalRuns(Conventions.demoApi("/items")
        .timestampFilter(TimestampFilter.exclusive("since").withFormat(TimestampFormat.epochSeconds())
            .withGranularity(Duration.ofSeconds(1)))
        .recordTimestamps(TimestampFormat.epochSeconds()).build(), start, Duration.ofSeconds(2));

    Instant shared = start.plusSeconds(10);
    assertThat(sent).isNotEmpty().allSatisfy(v -> assertThat(v).matches("\\d{10}"));
    assertThat(sent.get(0)).isEqualTo(Long.toString(shared.getEpochSecond() - 1));
  }

  @Test
  void epochMillisInclusiveFilterAndRecords() {
    parameter = "updated_since_ms";
    inclusive = true;
    readParameter = v -> Instant.ofEpochMilli(Long.parseLong(v));
    writeRecordTimestamp = at -> Long.toString(at.toEpochMilli());
    Instant start = clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

    List<String> sent = twoIncrementalRuns(Conventions.demoApi("/items")
        .timestampFilter(TimestampFilter.inclusive("updated_since_ms").withFormat(TimestampFormat.epochMillis()))
        .recordTimestamps(TimestampFormat.epochMillis()).build(), start, Duration.ofMillis(3));

    Instant shared = start.plusMillis(15);
    assertThat(sent).isNotEmpty().allSatisfy(v -> assertThat(v).matches("\\d{13}"));
    assertThat(sent.get(0)).isEqualTo(Long.toString(shared.toEpochMilli()));
  }

  @Test
  void epochFormatsWriteAndReadInstants() {
    Instant t = Instant.parse("2026-11-28T10:00:00.123Z");
    assertThat(TimestampFormat.epochSeconds().format(t)).isEqualTo(Long.toString(t.getEpochSecond()));
    assertThat(TimestampFormat.epochMillis().format(t)).isEqualTo(Long.toString(t.toEpochMilli()));
    assertThat(TimestampFormat.epochSeconds().parse(t.getEpochSecond() + ".5"))
        .isEqualTo(Instant.ofEpochSecond(t.getEpochSecond(), 500_000_000));
    assertThat(TimestampFormat.epochMillis().parse(Long.toString(t.toEpochMilli()))).isEqualTo(t);
  }
}
