package io.syncline;

/**
 * Receives {@link SyncEvent}s. Called on the syncing thread: keep it quick. An exception thrown
 * by a listener is swallowed and never breaks a sync.
 */
@FunctionalInterface
public interface SyncListener {
  /**
   * Handles an event.
   *
   * @param event the event
   */
  void onEvent(SyncEvent event);
}
