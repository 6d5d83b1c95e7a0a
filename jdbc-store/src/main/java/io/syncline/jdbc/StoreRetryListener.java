package io.syncline.jdbc;

/**
 * Observes how a {@link JdbcRecordStore} rides out transient database failures: each retry, the
 * recovery, and giving up (for metrics, or a line on an operator's terminal). Called on the
 * thread of the store operation, which waits for it: keep it quick. A listener that throws is
 * ignored. Implementations must be thread-safe when the store is shared between threads.
 */
@FunctionalInterface
public interface StoreRetryListener {

  /**
   * Receives an event.
   *
   * @param event what happened; never contains record data or credentials
   */
  void onEvent(StoreRetryEvent event);

  /** @return a listener that ignores every event */
  static StoreRetryListener none() {
    return event -> { };
  }
}
