package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.SourceRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The overlap of an inclusive filter (records at or before the requested position) is dropped by
 * the engine, once, and taken off the page's total: sources hand it over as the API sent it.
 */
class OverlapTest {

  private static final int COUNT = 25;

  private final MutableClock clock = MutableClock.standard();
  private final InMemoryRecordStore store = new InMemoryRecordStore();
  private final Resource technicians = Resource.builder("technicians").pageSize(10).build();
  private final AtomicInteger fetches = new AtomicInteger();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  /** Ids 1..25, {@code since_id} inclusive, the total counting every matching record. */
  private final RecordSource inclusive = request -> {
    if (fetches.incrementAndGet() == 2) {
      throw new IllegalStateException("injected failure on fetch 2");
    }
    long from = request.after().map(c -> Long.parseLong(((Cursor.IdOnly) c).id())).orElse(1L);
    List<SourceRecord> page = new ArrayList<>();
    for (long id = from; id <= COUNT && page.size() < request.pageSize(); id++) {
      page.add(SourceRecord.withoutTimestamp(Long.toString(id), "{\"id\":" + id + "}"));
    }
    long matching = COUNT - from + 1;
    return new Page(page, matching > page.size(), java.util.Optional.empty(), OptionalLong.of(matching),
        java.util.Optional.empty(), true);
  };

  @Test
  void aResumedBackfillDropsTheRecordItResumesAfterAndCountsItOutOfTheTotal() {
    SyncEngine engine = SyncEngine.builder(inclusive, store).resource(technicians).clock(clock).fetchAhead(false)
        .listener(events::add).build();
    assertThatThrownBy(() -> engine.backfill(technicians)).isInstanceOf(SyncException.class);
    assertThat(store.count("technicians")).isEqualTo(10);
    events.clear();

    SyncResult r = engine.backfill(technicians);

    assertThat(store.count("technicians")).isEqualTo(COUNT);
    assertThat(r.fetched()).isGreaterThan(COUNT - 10); // the overlap was fetched again...
    List<Progress> progress = events.stream().filter(e -> e instanceof SyncEvent.PageCommitted)
        .map(e -> ((SyncEvent.PageCommitted) e).progress()).toList();
    // ...but neither stored again nor counted: 10 committed before, 9 new on the first page of 16.
    assertThat(progress.get(0).records()).isEqualTo(19);
    assertThat(progress.get(0).total()).hasValue(COUNT);
    assertThat(progress.get(progress.size() - 1).records()).isEqualTo(COUNT);
  }
}
