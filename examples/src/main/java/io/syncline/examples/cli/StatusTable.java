package io.syncline.examples.cli;

import io.syncline.ResourceStatus;
import io.syncline.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** Renders {@link ResourceStatus} rows as a fixed-width table. */
final class StatusTable {
  private StatusTable() {}

  static String render(List<ResourceStatus> rows, Instant now) {
    return render(rows, now, name -> 0);
  }

  /**
   * The table, with a line under each resource that has records set aside.
   *
   * @param rows the resources' status
   * @param now the current time
   * @param rejected how many records a resource has set aside ({@code RecordStore#countRejected})
   * @return the table
   */
  static String render(List<ResourceStatus> rows, Instant now, ToLongFunction<String> rejected) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %-11s %-9s %-20s %-8s %-5s %9s  %-40s %-11s %s%n",
        "RESOURCE", "LAST MODE", "STATUS", "LAST SYNC", "AGE", "TTL", "RECORDS", "CURSOR", "DECISION", "LEASE"));
    for (ResourceStatus s : rows) {
      var st = s.state();
      sb.append(String.format(Locale.ROOT, "%-12s %-11s %-9s %-20s %-8s %-5s %9d  %-40s %-11s %s%n",
          s.resource().name(),
          st.map(x -> x.lastMode().name().toLowerCase(Locale.ROOT)).orElse("never"),
          st.map(x -> x.status().name().toLowerCase(Locale.ROOT)).orElse("-"),
          st.flatMap(SyncState::lastSuccessAt).map(t -> t.toString().substring(0, 19) + "Z").orElse("-"),
          s.decision().age().map(StatusTable::human).orElse("-"),
          human(s.decision().ttl()),
          s.recordCount(),
          st.flatMap(SyncState::cursor).map(c -> c.encode()).orElse("-"),
          s.decision().action().name().toLowerCase(Locale.ROOT),
          lease(s)));
      st.map(SyncState::lastTraffic).filter(t -> t.requests() > 0).ifPresent(t -> sb.append("  last run's traffic: ")
          .append(SyncRunCommand.traffic(t)).append('\n'));
      st.map(SyncState::deletions).filter(d -> d.feedCursor().isPresent() || d.lastSweepAt().isPresent())
          .ifPresent(d -> sb.append("  deletions: feed ").append(d.feedCursor().map(c -> "at " + c.encode())
              .orElse("not read")).append(", last id sweep ").append(d.lastSweepAt().map(Object::toString)
              .orElse("never")).append('\n'));
      long aside = rejected.applyAsLong(s.resource().name());
      if (aside > 0) {
        sb.append(String.format(Locale.ROOT, "  rejected records: %d set aside (invalid-records: set-aside); "
            + "they are in the store's rejected_record table%n", aside));
      }
      st.flatMap(SyncState::lastError).ifPresent(e -> sb.append("  last error: ").append(e).append('\n'));
      st.flatMap(SyncState::checkpoint).ifPresent(cp -> sb.append(String.format(Locale.ROOT,
          "  unfinished backfill: %d pages, %d records committed%n", cp.pages(), cp.records())));
    }
    return sb.toString();
  }

  /** The lease column: who holds it, from which host, until when, and whether its process is gone. */
  static String lease(ResourceStatus s) {
    if (s.lease().isEmpty()) {
      return "-";
    }
    var l = s.lease().get();
    String who = s.holder().map(o -> o.describe() + " (" + l.owner() + ")").orElse(l.owner() + ", host unknown");
    String process = s.holderGone() ? "; process gone: the next run takes over at once"
        : s.holder().filter(o -> o.host().equals(io.syncline.LeaseOwner.localHostName())).isPresent()
            ? "; process running" : "";
    return who + " until " + l.expiresAt() + process;
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    if (s < 172_800) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }
}
