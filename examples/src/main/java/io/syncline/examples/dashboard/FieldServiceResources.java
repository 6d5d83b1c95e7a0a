package io.syncline.examples.dashboard;

import io.syncline.Resource;
import java.time.Duration;
import java.util.List;

/**
 * The field-service API's resources as Syncline sees them, defined once for the CLI, the
 * dashboard and the tests.
 *
 * <ul>
 *   <li>{@link #ORDERS}: cursor {@code updated_at}, TTL 2 h
 *   <li>{@link #EQUIPMENTS}: cursor {@code updated_at}, TTL 4 h
 *   <li>{@link #TECHNICIANS}: no timestamp (id-only, with the default daily full refresh), TTL 6 h
 * </ul>
 *
 * <p>All read 500 records per page, the API's maximum. The timestamped ones look back 5 minutes
 * on every incremental run, because the API may make a record visible a little after the
 * {@code updated_at} it carries. The constants are immutable and thread-safe.
 */
public final class FieldServiceResources {

  /** Records asked for per page: the API's maximum. */
  public static final int PAGE_SIZE = 500;

  /** How far every incremental run of a timestamped resource re-reads before its cursor. */
  public static final Duration LOOKBACK = Duration.ofMinutes(5);

  /** Service orders: {@code /v1/orders}, TTL 2 hours. */
  public static final Resource ORDERS = Resource.builder("orders")
      .cursorField("updated_at")
      .pageSize(PAGE_SIZE)
      .ttl(Duration.ofHours(2))
      .lookback(LOOKBACK)
      .build();

  /** Equipments: {@code /v1/equipments}, TTL 4 hours. */
  public static final Resource EQUIPMENTS = Resource.builder("equipments")
      .cursorField("updated_at")
      .pageSize(PAGE_SIZE)
      .ttl(Duration.ofHours(4))
      .lookback(LOOKBACK)
      .build();

  /** Technicians: {@code /v1/technicians}, id-only, TTL 6 hours. */
  public static final Resource TECHNICIANS = Resource.builder("technicians")
      .noCursorField()
      .pageSize(PAGE_SIZE)
      .ttl(Duration.ofHours(6))
      .build();

  private FieldServiceResources() {}

  /** @return orders, equipments and technicians, in that order */
  public static List<Resource> all() {
    return List.of(ORDERS, EQUIPMENTS, TECHNICIANS);
  }
}
