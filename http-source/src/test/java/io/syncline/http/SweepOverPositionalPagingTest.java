package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.DeletionPolicy;
import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.SyncResult;
import io.syncline.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: an id sweep over a listing paged by position (page numbers, offsets) never marks a
 * record that exists on the server, however the listing shifts under it: deletions behind the
 * position move every later record up a place, and the one crossing a page boundary is not
 * listed in that lap. The sweep reads such a listing in laps until two agree.
 */
class SweepOverPositionalPagingTest {
  private static final int PAGE_SIZE = 4;
  private static final TimestampFilter SINCE =
      TimestampFilter.inclusive("since").withGranularity(Duration.ofSeconds(1));

  enum Style {
    PAGE_NUMBER(VendorListings.pagePerPage(), Conventions.pagePerPage("/things").timestampFilter(SINCE)
        .sort("sort", "id", "updated").build()),
    OFFSET(VendorListings.offsetLimit(), Conventions.offsetLimit("/things").timestampFilter(SINCE)
        .sort("sort", "id", "updated").build());

    final VendorServer.Listing listing;
    final Endpoint endpoint;

    Style(VendorServer.Listing listing, Endpoint endpoint) {
      this.listing = listing;
      this.endpoint = endpoint;
    }
  }

  private static VendorHarness harness(Style style) {
    VendorServer server = new VendorServer(Duration.ofSeconds(1), true, style.listing);
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(PAGE_SIZE)
        .deletions(DeletionPolicy.builder().maxSweepShare(1.0).build()).build();
    return new VendorHarness(server, style.endpoint, items);
  }

  private static void seed(VendorHarness h, int n) {
    Instant t0 = h.server.now().minusSeconds(10_000);
    for (int id = 1; id <= n; id++) {
      h.server.put(Integer.toString(id), t0.plusSeconds(id));
    }
  }

  private static Set<String> liveInStore(VendorHarness h) {
    Set<String> live = new TreeSet<>();
    for (StoredRecord r : h.store.all("items")) {
      if (r.deletedAt().isEmpty()) {
        live.add(r.id());
      }
    }
    return live;
  }

  @Test
  void aDeletionBehindTheSweepsPositionMarksNoLiveRecord() {
    for (Style style : Style.values()) {
      try (VendorHarness h = harness(style)) {
        seed(h, 20);
        h.engine.backfill(h.resource);
        h.server.delete("17"); // gone before the sweep: to be marked
        h.server.clock.advance(Duration.ofMinutes(1));
        h.server.afterEachListing(n -> {
          if (n == 1) {
            h.server.delete("2"); // page 1 already read: record 5 moves onto page 1 and lap 1 misses it
          }
        });

        SyncResult result = h.engine.sweep(h.resource);

        assertThat(result.failure()).as(style.name()).isEmpty();
        assertThat(liveInStore(h)).as(style.name()).contains("5").doesNotContain("17")
            .containsAll(h.server.snapshot().keySet());
        assertThat(result.deleted()).as(style.name()).isEqualTo(1);
      }
    }
  }

  @Test
  void aListingThatChangesInEveryLapFailsTheSweepAndMarksNothing() {
    try (VendorHarness h = harness(Style.PAGE_NUMBER)) {
      seed(h, 30);
      h.engine.backfill(h.resource);
      h.server.delete("30");
      h.server.clock.advance(Duration.ofMinutes(1));
      AtomicInteger next = new AtomicInteger(1);
      h.server.afterEachListing(n -> h.server.delete(Integer.toString(next.getAndIncrement())));

      assertThatThrownBy(() -> h.engine.sweep(h.resource)).isInstanceOf(SyncException.class)
          .hasMessageContaining("items").hasMessageContaining("4 laps").hasMessageContaining("nothing was marked");

      assertThat(liveInStore(h)).hasSize(30).contains("30");
    }
  }

  /** One change to the server between two page fetches of the sweep: create or delete. */
  record Op(boolean delete, int target) {}

  @Provide
  Arbitrary<List<List<Op>>> changes() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 1000))
        .as(Op::new);
    return op.list().ofMaxSize(2).list().ofMaxSize(30);
  }

  @Property(tries = 60)
  void aSweepNeverMarksARecordThatExistsAndMarksWhatWasGoneBeforeIt(@ForAll Style style,
      @ForAll("changes") List<List<Op>> changes, @ForAll("deletedBefore") List<Integer> deletedBefore) {
    try (VendorHarness h = harness(style)) {
      Instant t0 = h.server.now().minusSeconds(10_000);
      for (int i = 1; i <= 18; i++) {
        h.server.put(Integer.toString(i * 10), t0.plusSeconds(i)); // ids 10..180: room for new ids between them
      }
      h.engine.backfill(h.resource);
      Set<String> goneBefore = new HashSet<>();
      for (int i : deletedBefore) {
        String id = Integer.toString(i * 10);
        if (h.server.snapshot().containsKey(id)) {
          h.server.delete(id);
          goneBefore.add(id);
        }
      }
      h.server.clock.advance(Duration.ofMinutes(1));
      Set<String> touched = new HashSet<>();
      AtomicInteger nextId = new AtomicInteger(100);
      h.server.afterEachListing(n -> {
        if (n <= changes.size()) {
          for (Op op : changes.get(n - 1)) {
            List<String> live = new ArrayList<>(h.server.snapshot().keySet());
            if (op.delete() && !live.isEmpty()) {
              String id = live.get(op.target() % live.size());
              h.server.delete(id);
              touched.add(id);
            } else if (!op.delete()) {
              // new ids between, below and above the listed ones: all but the last shift what follows
              String id = op.target() % 2 == 0 ? Integer.toString(1000 + nextId.getAndIncrement())
                  : Integer.toString(1 + op.target() % 190);
              if (h.server.snapshot().containsKey(id)) {
                continue;
              }
              h.server.put(id, h.server.now());
              touched.add(id);
            }
          }
        }
      });

      Set<String> liveBefore = liveInStore(h);
      boolean failed = false;
      try {
        h.engine.sweep(h.resource);
      } catch (SyncException e) {
        assertThat(e.getMessage()).contains("laps");
        failed = true;
      }

      Set<String> live = liveInStore(h);
      if (failed) {
        assertThat(live).as("%s: a failed sweep marks nothing", style).isEqualTo(liveBefore);
      }
      for (String id : h.server.snapshot().keySet()) {
        if (!touched.contains(id)) {
          assertThat(live).as("%s: record %s exists on the server", style, id).contains(id);
        }
      }
      goneBefore.removeAll(touched); // created again during the sweep
      if (!failed && !goneBefore.isEmpty()) {
        assertThat(live).as("%s: records deleted before the sweep", style).doesNotContainAnyElementsOf(goneBefore);
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> deletedBefore() {
    return Arbitraries.integers().between(1, 18).list().ofMaxSize(4);
  }
}
