package io.syncline.examples.dashboard;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the orders dashboard shows, computed in one pass over the local orders.
 *
 * @param orders how many orders are stored
 * @param byStatus order count per status: the five known statuses first in lifecycle order
 *     (zero when none), then any other status the API sent, alphabetically
 * @param open open orders per technician
 * @param createdPerDay orders created per day over the last 30 days, oldest first, including
 *     today and days with none
 */
public record OrderDashboard(long orders, Map<String, Long> byStatus, OpenOrders open,
    SortedMap<LocalDate, Long> createdPerDay) {

  /**
   * Copies the maps into unmodifiable ones, keeping their order.
   *
   * @param orders how many orders are stored
   * @param byStatus order count per status
   * @param open open orders per technician
   * @param createdPerDay orders created per day over the last 30 days
   */
  public OrderDashboard {
    byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
    createdPerDay = Collections.unmodifiableSortedMap(new TreeMap<>(createdPerDay));
  }
}
