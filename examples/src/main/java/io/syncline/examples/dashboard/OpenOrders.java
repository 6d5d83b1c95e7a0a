package io.syncline.examples.dashboard;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Open orders (status {@code open}, {@code scheduled} or {@code in_progress}) per technician.
 *
 * @param perTechnician technician id to number of open orders, by ascending id; technicians
 *     without open orders are absent
 * @param unassigned open orders without a technician
 */
public record OpenOrders(SortedMap<Long, Long> perTechnician, long unassigned) {

  /**
   * Copies the map into an unmodifiable one.
   *
   * @param perTechnician technician id to open orders
   * @param unassigned open orders without a technician
   */
  public OpenOrders {
    perTechnician = Collections.unmodifiableSortedMap(new TreeMap<>(perTechnician));
  }

  /** @return all open orders, assigned or not */
  public long total() {
    return unassigned + perTechnician.values().stream().mapToLong(Long::longValue).sum();
  }
}
