package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Resource;
import io.syncline.Sleeper;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import io.syncline.testing.MutableClock;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the store rides out a database outage, on a real (H2) database behind a switch, with an
 * injected clock and sleeper: a page is written again on a fresh connection once the database is
 * back, within the retry budget; an outage longer than the budget fails with one line; permanent
 * failures fail at once; every retry is an event.
 */
class OutageRetryTest {
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<StoreRetryEvent> events = new CopyOnWriteArrayList<>();
  private OutageDataSource db;

  @BeforeEach
  void database() {
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:outage_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    db = new OutageDataSource(h2);
  }

  private JdbcRecordStore store(Duration budget) {
    JdbcRecordStore store = builder(budget).build();
    store.migrate(); // before any outage: the tests count the connections of one operation
    return store;
  }

  private JdbcRecordStore.Builder builder(Duration budget) {
    return JdbcRecordStore.builder(db.dataSource()).dialect(Dialect.H2).retryBudget(budget).clock(clock)
        .sleeper(d -> {
          waits.add(d);
          clock.advance(d);
        })
        .retryListener(events::add);
  }

  private static PageWrite page(int from, int count) {
    List<SourceRecord> records = IntStream.range(from, from + count)
        .mapToObj(i -> SourceRecord.of(String.valueOf(i), T0.plusSeconds(i), "{\"id\":" + i + "}")).toList();
    return new PageWrite(ORDERS, records, SyncState.initial("orders").running(SyncMode.BACKFILL), T0, Optional.empty());
  }

  private Instant upAt(Duration after) {
    return T0.plus(after);
  }

  @Test
  void aPageWriteWaitsForTheDatabaseAndIsWrittenOnceItIsBack() {
    JdbcRecordStore store = store(Duration.ofMinutes(2));
    Instant up = upAt(Duration.ofSeconds(30));
    db.downWhile(() -> clock.instant().isBefore(up));

    WriteResult result = store.write(page(1, 50));

    assertThat(result.inserted()).isEqualTo(50);
    assertThat(store.count("orders")).isEqualTo(50);
    assertThat(clock.instant()).isAfterOrEqualTo(up);
    // 0.1 s doubling to a 5 s cap, each wait between half and all of its step
    Duration step = Duration.ofMillis(100);
    for (Duration w : waits) {
      assertThat(w).isBetween(step.dividedBy(2), step);
      step = step.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : step.multipliedBy(2);
    }
    assertThat(events).filteredOn(e -> e.kind() == StoreRetryEvent.Kind.RETRYING).hasSize(waits.size());
    StoreRetryEvent last = events.get(events.size() - 1);
    assertThat(last.kind()).isEqualTo(StoreRetryEvent.Kind.RECOVERED);
    assertThat(last.attempt()).isEqualTo(waits.size() + 1);
    assertThat(last.resource()).contains("orders");
    assertThat(last.outage()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(events.get(0).sqlState()).contains("08001");
    assertThat(events.get(0).operation()).startsWith("Writing a page of 50 records");
    assertThat(events.get(0).failure()).contains("H2", "08001").doesNotContain("Resource 'orders'");
  }

  @Test
  void aCommitLostOnTheWayIsWrittenAgainOnAFreshConnection() {
    JdbcRecordStore store = store(Duration.ofMinutes(2));
    db.failCommits(1, false);

    assertThat(store.write(page(1, 20)).inserted()).isEqualTo(20);
    assertThat(store.count("orders")).isEqualTo(20);
    assertThat(waits).hasSize(1);
  }

  @Test
  void aCommitThatReachedTheDatabaseBeforeTheConnectionDroppedIsNotStoredTwice() {
    JdbcRecordStore store = store(Duration.ofMinutes(2));
    db.failCommits(1, true);

    WriteResult again = store.write(page(1, 20));

    // the second attempt finds the first one's rows: the same versions, nothing to change
    assertThat(again.unchanged()).isEqualTo(20);
    assertThat(store.count("orders")).isEqualTo(20);
    assertThat(store.state("orders")).map(SyncState::lastMode).contains(SyncMode.BACKFILL);
  }

  @Test
  void anOutageLongerThanTheBudgetFailsWithOneLineAndTheBudgetIsNotSpentTwice() {
    JdbcRecordStore store = store(Duration.ofSeconds(10));
    store.write(page(1, 10));
    db.downWhile(() -> true);

    assertThatThrownBy(() -> store.write(page(11, 10)))
        .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
          assertThat(e.isTransient()).isTrue();
          assertThat(e.sqlState()).contains("08001");
          assertThat(e.getMessage()).doesNotContain("\n")
              .contains("Resource 'orders'", "Writing a page of 10 records", "SQLSTATE 08001",
                  "unavailable for 10.0 s", "retry budget of 10.0 s", "intact");
        });
    assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(10));
    assertThat(events.get(events.size() - 1).kind()).isEqualTo(StoreRetryEvent.Kind.GAVE_UP);

    // the run's clean-up (recording the failure, releasing the lease) tries for 2 s only
    int waited = waits.size();
    Instant cleanUp = clock.instant();
    assertThatThrownBy(() -> store.state("orders")).isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("unavailable for 12.0 s");
    assertThat(Duration.between(cleanUp, clock.instant())).isEqualTo(Duration.ofSeconds(2));
    assertThat(waits.size()).isGreaterThan(waited);

    // once the database is back, the next outage gets a budget of its own
    db.downWhile(() -> false);
    assertThat(store.count("orders")).isEqualTo(10);
    Instant up = clock.instant().plusSeconds(5);
    db.downWhile(() -> clock.instant().isBefore(up));
    assertThat(store.write(page(11, 10)).inserted()).isEqualTo(10);
    assertThat(store.count("orders")).isEqualTo(20);
  }

  @Test
  void readsLeasesAndStreamsRideOutAnOutageToo() {
    JdbcRecordStore store = store(Duration.ofMinutes(1));
    store.write(page(1, 5));
    Instant up = upAt(Duration.ofSeconds(3));
    db.downWhile(() -> clock.instant().isBefore(up));
    assertThat(store.tryAcquireLease("orders", "me", T0, Duration.ofMinutes(5))).isPresent();

    Instant up2 = clock.instant().plusSeconds(3);
    db.downWhile(() -> clock.instant().isBefore(up2));
    try (var s = store.stream("orders")) {
      assertThat(s.count()).isEqualTo(5);
    }
    assertThat(events).filteredOn(e -> e.kind() == StoreRetryEvent.Kind.RECOVERED)
        .extracting(StoreRetryEvent::operation).containsExactly("Acquiring the lease", "Streaming records");
  }

  @Test
  void badCredentialsFailAtOnceEvenWhenAPoolWrapsThemAsTransient() {
    JdbcRecordStore store = store(Duration.ofMinutes(2));
    int before = db.connectionsRequested.get();
    db.downWhile(() -> true).failingWith(() -> new SQLTransientConnectionException(
        "pool - Connection is not available, request timed out after 30000ms", "28P01",
        new SQLException("FATAL: password authentication failed for user \"sync\"", "28P01")));

    assertThatThrownBy(() -> store.count("orders"))
        .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
          assertThat(e.isTransient()).isFalse();
          assertThat(e.sqlState()).contains("28P01");
        });
    assertThat(waits).isEmpty();
    assertThat(events).isEmpty();
    assertThat(db.connectionsRequested.get() - before).isEqualTo(1);
  }

  @Test
  void missingPrivilegesFailAtOnce() {
    JdbcRecordStore store = store(Duration.ofMinutes(2));
    db.downWhile(() -> true).failingWith(() -> new SQLException("ERROR: permission denied for table sync_record", "42501"));

    assertThatThrownBy(() -> store.write(page(1, 3))).isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("42501");
    assertThat(waits).isEmpty();
  }

  @Test
  void aZeroBudgetNeverRetries() {
    JdbcRecordStore store = store(Duration.ZERO);
    int before = db.connectionsRequested.get();
    db.downWhile(() -> true);

    assertThatThrownBy(() -> store.count("orders")).isInstanceOf(JdbcStoreException.class);
    assertThat(waits).isEmpty();
    assertThat(db.connectionsRequested.get() - before).isEqualTo(1);
  }

  @Test
  void aThrowingListenerDoesNotStopTheRetries() {
    JdbcRecordStore store = builder(Duration.ofMinutes(2)).retryListener(e -> {
      throw new IllegalStateException("listener bug");
    }).build();
    store.migrate();
    Instant up = upAt(Duration.ofSeconds(2));
    db.downWhile(() -> clock.instant().isBefore(up));

    assertThat(store.count("orders")).isZero();
  }

  @Test
  void anInterruptedWaitFailsAndKeepsTheInterruptFlag() {
    JdbcRecordStore store = builder(Duration.ofMinutes(2)).sleeper(d -> {
      throw new InterruptedException();
    }).build();
    store.migrate();
    db.downWhile(() -> true);
    try {
      assertThatThrownBy(() -> store.count("orders")).isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("interrupted while waiting for the database");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void withTheRealClockAndSleeperAShortOutageIsRiddenOut() {
    List<StoreRetryEvent> seen = new ArrayList<>();
    JdbcRecordStore store = JdbcRecordStore.builder(db.dataSource()).dialect(Dialect.H2)
        .retryBudget(Duration.ofSeconds(30)).clock(Clock.systemUTC()).sleeper(Sleeper.system())
        .retryListener(seen::add).migrateOnFirstUse(false).build();
    store.migrate();
    long upAtNanos = System.nanoTime() + Duration.ofMillis(700).toNanos();
    db.downWhile(() -> System.nanoTime() < upAtNanos);

    assertThat(store.write(page(1, 10)).inserted()).isEqualTo(10);
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(upAtNanos);
    assertThat(seen.get(seen.size() - 1).kind()).isEqualTo(StoreRetryEvent.Kind.RECOVERED);
  }

  @Test
  void detectingTheDialectWaitsForADatabaseThatIsStartingUp() {
    Instant up = upAt(Duration.ofSeconds(4));
    db.downWhile(() -> clock.instant().isBefore(up)).failingWith(() -> new SQLException(
        "FATAL: the database system is starting up", "57P03"));

    JdbcRecordStore store = JdbcRecordStore.builder(db.dataSource()).clock(clock).sleeper(clock::advance)
        .retryListener(events::add).build();

    assertThat(store.dialect()).isEqualTo(Dialect.H2);
    assertThat(events).extracting(StoreRetryEvent::operation).contains("Detecting the dialect");
    assertThat(events.get(0).sqlState()).contains("57P03");
  }

  @Test
  void theBudgetIsValidated() {
    assertThatThrownBy(() -> JdbcRecordStore.builder(db.dataSource()).retryBudget(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcRecordStore.builder(db.dataSource()).retryBudget(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
