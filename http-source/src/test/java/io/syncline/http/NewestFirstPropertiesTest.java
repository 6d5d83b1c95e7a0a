package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The no-record-lost guarantee for a newest-first {@code starting_after} list, over generated runs. */
class NewestFirstPropertiesTest {
  private final NewestFirstTest ids = new NewestFirstTest();

  private String randomId() {
    return ids.randomId();
  }

  private static VendorHarness harness() {
    return NewestFirstTest.harness();
  }

  @Provide
  Arbitrary<List<List<Integer>>> creationsPerPage() {
    return Arbitraries.integers().between(0, 3).list().ofMaxSize(6).list().ofMinSize(1).ofMaxSize(4);
  }

  /**
   * Random creations (at second granularity, so many share the high-water mark's second) between
   * page fetches, over several incremental runs after a backfill: every record that existed when a
   * run started is stored by its end; after a full refresh the store equals the server. (Records
   * are not deleted here: this server, like Stripe, answers 400 when the object named by
   * {@code starting_after} is gone.)
   */
  @Property(tries = 40)
  void noRecordCreatedBeforeARunIsMissingAfterIt(@ForAll("creationsPerPage") List<List<Integer>> runs) {
    try (VendorHarness h = harness()) {
      for (int i = 0; i < 9; i++) {
        h.server.put(randomId(), h.server.now().minusSeconds(20 - i / 3));
      }
      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();
      for (List<Integer> run : runs) {
        Set<String> atStart = new HashSet<>(h.server.snapshot().keySet());
        h.server.afterEachListing(n -> {
          if (n <= run.size()) {
            h.server.clock.advance(Duration.ofMillis(600));
            for (int k = 0; k < run.get(n - 1); k++) {
              h.server.put(randomId(), h.server.now());
            }
          }
        });
        assertThat(h.engine.incremental(h.resource).failure()).isEmpty();
        h.server.afterEachListing(n -> { });
        for (String id : atStart) {
          assertThat(h.store.find("customers", id)).as("customer %s", id).isPresent();
        }
      }
      assertThat(h.engine.incremental(h.resource).failure()).isEmpty();
      h.assertStoreEqualsServer();
    }
  }
}
