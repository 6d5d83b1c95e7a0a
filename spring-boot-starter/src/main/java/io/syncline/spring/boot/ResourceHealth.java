package io.syncline.spring.boot;

import io.syncline.ResourceStatus;
import io.syncline.SyncAction;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One resource's health as the health indicator reports it: {@code fresh} (its data is within its
 * TTL), {@code stale} (due for a sync, or never synced), {@code backfilling} (a backfill is running
 * or stopped part-way with a checkpoint) or {@code failing} (the last run failed). Immutable.
 *
 * @param state one of {@code fresh}, {@code stale}, {@code backfilling}, {@code failing}
 * @param age time since the last successful run started, if one did
 * @param ttl the resource's TTL
 * @param records records stored
 * @param lastSuccessAt when the last successful run started
 * @param lastError the last failure's message (never secrets), when the last run failed
 */
public record ResourceHealth(String state, Optional<Duration> age, Duration ttl, long records,
    Optional<Instant> lastSuccessAt, Optional<String> lastError) {

  /** Fresh. */
  public static final String FRESH = "fresh";
  /** Stale. */
  public static final String STALE = "stale";
  /** Backfilling. */
  public static final String BACKFILLING = "backfilling";
  /** Failing. */
  public static final String FAILING = "failing";

  /**
   * Classifies a resource's status.
   *
   * @param s the status
   * @return its health
   */
  public static ResourceHealth of(ResourceStatus s) {
    Optional<SyncState> st = s.state();
    String state;
    if (st.map(x -> x.status() == SyncStatus.FAILED).orElse(false)) {
      state = FAILING;
    } else if (st.map(x -> x.checkpoint().isPresent()
        || (x.status() == SyncStatus.RUNNING && x.lastMode() == SyncMode.BACKFILL)).orElse(false)) {
      state = BACKFILLING;
    } else if (s.decision().action() == SyncAction.USE_LOCAL) {
      state = FRESH;
    } else {
      state = STALE;
    }
    return new ResourceHealth(state, s.decision().age(), s.decision().ttl(), s.recordCount(),
        st.flatMap(SyncState::lastSuccessAt), st.filter(x -> x.status() == SyncStatus.FAILED)
            .flatMap(SyncState::lastError));
  }

  /** @return the details shown by {@code /actuator/health} */
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    age.ifPresent(a -> {
      m.put("age", a.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      m.put("ageSeconds", a.toSeconds());
    });
    m.put("ttl", ttl.toString());
    m.put("records", records);
    lastSuccessAt.ifPresent(t -> m.put("lastSuccessAt", t.toString()));
    lastError.ifPresent(e -> m.put("lastError", e));
    return m;
  }

  @Override
  public String toString() {
    return state.toUpperCase(Locale.ROOT) + details();
  }
}
