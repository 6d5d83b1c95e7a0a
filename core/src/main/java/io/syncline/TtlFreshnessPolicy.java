package io.syncline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The ready-made {@link FreshnessPolicy}: TTLs and full-refresh intervals. Immutable, thread-safe. */
final class TtlFreshnessPolicy implements FreshnessPolicy {

  private final Duration defaultTtl;

  TtlFreshnessPolicy(Duration defaultTtl) {
    this.defaultTtl = defaultTtl;
  }

  @Override
  public SyncDecision decide(Resource resource, Optional<SyncState> state, Instant now) {
    Duration ttl = resource.ttl().orElse(defaultTtl);
    String name = resource.name();
    if (state.isEmpty()) {
      return new SyncDecision(name, SyncAction.BACKFILL, "never synced: no local data", Optional.empty(), ttl);
    }
    SyncState s = state.get();
    Optional<Duration> age = s.lastSuccessAt().map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
    if (s.lastBackfillAt().isEmpty()) {
      String why = s.checkpoint().isPresent()
          ? "backfill incomplete (" + s.checkpoint().get().pages() + " pages committed): resume it"
          : "no completed backfill yet";
      return new SyncDecision(name, SyncAction.BACKFILL, why, age, ttl);
    }
    if (resource.strategy() == SyncStrategy.ID_ONLY) {
      Instant lastFull = s.lastBackfillAt().get();
      Duration sinceFull = lastFull.isAfter(now) ? Duration.ZERO : Duration.between(lastFull, now);
      if (sinceFull.compareTo(resource.fullRefreshInterval()) >= 0) {
        return new SyncDecision(name, SyncAction.BACKFILL,
            "id-only resource: full refresh due (last one " + human(sinceFull) + " ago, every "
                + human(resource.fullRefreshInterval()) + ")", age, ttl);
      }
    }
    if (age.isEmpty()) {
      return new SyncDecision(name, SyncAction.INCREMENTAL, "no successful sync recorded", age, ttl);
    }
    if (age.get().compareTo(ttl) >= 0) {
      return new SyncDecision(name, SyncAction.INCREMENTAL,
          "stale: data is " + human(age.get()) + " old, TTL " + human(ttl), age, ttl);
    }
    return new SyncDecision(name, SyncAction.USE_LOCAL,
        "fresh: data is " + human(age.get()) + " old, TTL " + human(ttl), age, ttl);
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    if (s < 172_800) {
      return (s / 3600) + "h" + (s % 3600 >= 60 ? ((s % 3600) / 60) + "m" : "");
    }
    return (s / 86_400) + "d";
  }

  @Override
  public String toString() {
    return "FreshnessPolicy[defaultTtl=" + defaultTtl + "]";
  }
}
