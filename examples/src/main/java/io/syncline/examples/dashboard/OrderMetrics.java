package io.syncline.examples.dashboard;

import io.syncline.examples.fieldservice.FieldServiceResources;
import com.fasterxml.jackson.core.JsonFactory;
import io.syncline.LocalRead;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncException;
import io.syncline.spi.RecordStore;
import io.syncline.spi.StoredRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The orders dashboard, computed from the local store the way an application using Syncline
 * would: every answer first asks the engine's freshness policy (through
 * {@link SyncEngine#readLocalFirst}), so it is served from local data when that is fresh, after
 * a delta when it is stale, after a backfill when nothing is stored yet, and from stale local
 * data (with the error) when the API is down. Each answer is a {@link LocalRead} telling its
 * {@link io.syncline.DataOrigin origin} and the data's age.
 *
 * <pre>{@code
 * OrderMetrics metrics = new OrderMetrics(engine, store);
 * LocalRead<OrderDashboard> d = metrics.dashboard();
 * System.out.println(d.value().byStatus() + " from " + d.origin() + ", " + d.age().orElseThrow() + " old");
 * }</pre>
 *
 * <p>The orders are streamed from the store ({@link RecordStore#stream}) and aggregated on the
 * fly, so memory does not grow with their number. Days are counted in the clock's time zone.
 * Thread-safe if the engine and store are (Syncline's are).
 */
public final class OrderMetrics {

  private final SyncEngine engine;
  private final RecordStore store;
  private final Clock clock;
  private final Resource orders;
  private final JsonFactory json = new JsonFactory();

  /**
   * Creates the service on the UTC system clock.
   *
   * @param engine an engine that knows the {@code orders} resource ({@link FieldServiceResources#ORDERS})
   * @param store the store the engine writes to
   */
  public OrderMetrics(SyncEngine engine, RecordStore store) {
    this(engine, store, Clock.systemUTC());
  }

  /**
   * Creates the service.
   *
   * @param engine an engine that knows the {@code orders} resource ({@link FieldServiceResources#ORDERS})
   * @param store the store the engine writes to
   * @param clock decides what "today" is for the per-day counts; tests pass one they control
   * @throws IllegalArgumentException when the engine has no {@code orders} resource
   */
  public OrderMetrics(SyncEngine engine, RecordStore store, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    String name = FieldServiceResources.ORDERS.name();
    if (engine.resources().stream().noneMatch(r -> r.name().equals(name))) {
      throw new IllegalArgumentException("The engine does not sync '" + name
          + "'; add FieldServiceResources.ORDERS to its builder with .resource(...)");
    }
    this.orders = engine.resource(name);
  }

  /**
   * Computes the whole dashboard in one pass over the orders.
   *
   * @return the dashboard with its origin and age
   * @throws SyncException when the orders could not be synced and nothing is stored locally
   */
  public LocalRead<OrderDashboard> dashboard() {
    return engine.readLocalFirst(orders, this::tally);
  }

  /**
   * Counts orders per status.
   *
   * @return status to count, the five known statuses first in lifecycle order
   * @throws SyncException when the orders could not be synced and nothing is stored locally
   */
  public LocalRead<Map<String, Long>> ordersByStatus() {
    return engine.readLocalFirst(orders, () -> tally().byStatus());
  }

  /**
   * Counts open orders ({@code open}, {@code scheduled}, {@code in_progress}) per technician.
   *
   * @return the counts, with unassigned open orders apart
   * @throws SyncException when the orders could not be synced and nothing is stored locally
   */
  public LocalRead<OpenOrders> openOrdersPerTechnician() {
    return engine.readLocalFirst(orders, () -> tally().open());
  }

  /**
   * Counts orders created per day over the last 30 days, today included.
   *
   * @return day to count, oldest first, zero for days without orders
   * @throws SyncException when the orders could not be synced and nothing is stored locally
   */
  public LocalRead<SortedMap<LocalDate, Long>> ordersCreatedPerDay() {
    return engine.readLocalFirst(orders, () -> tally().createdPerDay());
  }

  private OrderDashboard tally() {
    LocalDate today = LocalDate.now(clock);
    OrderTally tally = new OrderTally(json, clock.getZone(), today);
    try (Stream<StoredRecord> records = store.stream(orders.name())) {
      records.forEach(tally::add);
    }
    return tally.result();
  }

  @Override
  public String toString() {
    return "OrderMetrics[" + orders + "]";
  }
}
