package io.syncline.benchmarks;

import io.syncline.spi.SourceRecord;
import java.time.Instant;
import java.util.Locale;

/**
 * Synthetic service orders shaped like the demo API's ({@code field-service-api.md}), for the
 * measurements that do not go through HTTP. Stateless.
 */
public final class OrderRecords {
  private static final Instant BASE = Instant.parse("2026-09-01T00:00:00Z");
  private static final String[] STATUS = {"open", "scheduled", "in_progress", "done", "cancelled"};

  private OrderRecords() {}

  /**
   * One order in one version: a later version has a later {@code updated_at} and another status.
   *
   * @param id the order's id
   * @param version 1 for the first version
   * @return the record
   */
  public static SourceRecord order(long id, int version) {
    Instant created = BASE.plusSeconds(id * 37);
    Instant updated = created.plusSeconds(3600L * version).plusMillis(id % 1000);
    String json = String.format(Locale.ROOT,
        "{\"id\":%d,\"number\":\"OS-%d\",\"status\":\"%s\",\"customer\":\"Customer %d of the region %d\","
            + "\"technician_id\":%d,\"equipment_id\":%d,\"created_at\":\"%s\",\"updated_at\":\"%s\"}",
        id, id, STATUS[(int) ((id + version) % STATUS.length)], id % 997, id % 13, 1 + id % 60,
        1 + id % 800, created, updated);
    return SourceRecord.of(Long.toString(id), updated, json);
  }
}
