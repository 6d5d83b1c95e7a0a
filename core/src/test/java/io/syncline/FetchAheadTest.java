package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.testing.FailingRecordStore;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where the engine fetches pages: the run's thread, or the fetch-ahead executor. */
class FetchAheadTest {

  private final MutableClock clock = MutableClock.standard();
  private final InMemoryRecordSource records = new InMemoryRecordSource(clock);
  private final List<Thread> fetchedOn = new CopyOnWriteArrayList<>();
  private final RecordSource source = new RecordSource() {
    @Override
    public Page fetch(PageRequest request) {
      fetchedOn.add(Thread.currentThread());
      return records.fetch(request);
    }
  };
  private final InMemoryRecordStore store = new InMemoryRecordStore();
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final AtomicInteger tasks = new AtomicInteger();
  private final Executor counting = task -> {
    tasks.incrementAndGet();
    Thread t = new Thread(task, "test-fetch-ahead");
    t.setDaemon(true);
    t.start();
  };

  @BeforeEach
  void fortyFiveOrders() {
    for (int i = 1; i <= 45; i++) {
      records.put("orders", i, clock.instant().minus(Duration.ofHours(3)).plusSeconds(i));
    }
  }

  @Test
  void pagesAfterThePassesFirstAreFetchedOnTheGivenExecutorByOneTaskPerPass() {
    SyncEngine engine = SyncEngine.builder(source, store).resource(orders).clock(clock).executor(counting).build();
    SyncResult r = engine.backfill(orders);

    assertThat(store.count("orders")).isEqualTo(45);
    // A backfill is two passes: the listing (five pages of ten) and the catch-up (one page). Each
    // one's first page is fetched on the caller's thread; the listing's later pages by one task on
    // the executor, the one-page catch-up needs none.
    assertThat(fetchedOn.get(0)).isSameAs(Thread.currentThread());
    assertThat(fetchedOn.get(fetchedOn.size() - 1)).isSameAs(Thread.currentThread());
    assertThat(fetchedOn.stream().filter(t -> t.getName().equals("test-fetch-ahead")).count())
        .isEqualTo(fetchedOn.size() - 2).isEqualTo(4);
    assertThat(tasks.get()).isEqualTo(1);
    assertThat(r.pages()).isEqualTo(fetchedOn.size());
  }

  @Test
  void aPageFetchedAheadWaitsUntilThePageBeforeIsWrittenSoAtMostTwoAreHeld() {
    AtomicInteger fetched = new AtomicInteger();
    AtomicInteger committed = new AtomicInteger();
    AtomicInteger mostAhead = new AtomicInteger();
    RecordSource counting = request -> {
      Page page = records.fetch(request);
      fetched.incrementAndGet();
      return page;
    };
    // A slow run's thread: after each commit it gives the fetch task 20 ms to run ahead, then
    // notes how many pages beyond the committed ones it fetched.
    SyncListener slowWriter = event -> {
      if (event instanceof SyncEvent.PageCommitted) {
        int c = committed.incrementAndGet();
        sleep(20);
        mostAhead.accumulateAndGet(fetched.get() - c, Math::max);
      }
    };
    SyncEngine engine = SyncEngine.builder(counting, store).resource(orders).clock(clock).listener(slowWriter)
        .build();
    engine.backfill(orders);

    assertThat(store.count("orders")).isEqualTo(45);
    // The next page is fetched while the run's thread is busy, never the one after it.
    assertThat(mostAhead.get()).isEqualTo(1);
  }

  @Test
  void whenAWriteFailsTheFetchTaskEndsInsteadOfWaitingForTheRunThatLeft() throws InterruptedException {
    List<Thread> started = new CopyOnWriteArrayList<>();
    Executor recording = task -> {
      Thread t = new Thread(task, "test-fetch-ahead");
      t.setDaemon(true);
      started.add(t);
      t.start();
    };
    FailingRecordStore failing = new FailingRecordStore(store);
    failing.failOnWrite(2, 200);
    SyncEngine engine = SyncEngine.builder(source, failing).resource(orders).clock(clock).executor(recording)
        .build();

    assertThatThrownBy(() -> engine.backfill(orders)).hasMessageContaining("injected store failure");
    assertThat(started).hasSize(1);
    started.get(0).join(5_000);
    // It had page 3 ready when page 2's write failed, 200 ms in: cancelled, it must not stay
    // blocked handing it over.
    assertThat(started.get(0).isAlive()).isFalse();
    assertThat(store.count("orders")).isEqualTo(10);
  }

  @Test
  void aFetchThatFailsAheadFailsTheRunOnlyAfterThePageBeforeIsCommitted() {
    RecordSource failingThird = request -> {
      if (request.pageNumber() == 3) {
        throw new IllegalStateException("injected fetch failure on page 3");
      }
      return records.fetch(request);
    };
    SyncEngine engine = SyncEngine.builder(failingThird, store).resource(orders).clock(clock).build();

    assertThatThrownBy(() -> engine.backfill(orders)).hasMessageContaining("injected fetch failure on page 3");
    assertThat(store.count("orders")).isEqualTo(20);
    assertThat(store.state("orders").orElseThrow().checkpoint().orElseThrow().pages()).isEqualTo(2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void withFetchAheadOffEveryPageIsFetchedOnTheCallersThreadAndTheExecutorIsNotUsed() {
    SyncEngine engine = SyncEngine.builder(source, store).resource(orders).clock(clock).executor(counting)
        .fetchAhead(false).build();
    engine.backfill(orders);

    assertThat(store.count("orders")).isEqualTo(45);
    assertThat(fetchedOn).hasSizeGreaterThan(5).containsOnly(Thread.currentThread());
    assertThat(tasks.get()).isZero();
  }

  @Test
  void byDefaultEachEngineFetchesAheadOnItsOwnDaemonThreads() {
    SyncEngine engine = SyncEngine.builder(source, store).resource(orders).clock(clock).build();
    engine.backfill(orders);

    List<Thread> ahead = fetchedOn.stream().filter(t -> t != Thread.currentThread()).toList();
    assertThat(ahead).isNotEmpty().allSatisfy(t -> {
      assertThat(t.getName()).startsWith("syncline-fetch-ahead-");
      assertThat(t.isDaemon()).isTrue();
    });
  }
}
