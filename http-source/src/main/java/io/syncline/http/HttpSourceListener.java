package io.syncline.http;

/**
 * Receives {@link HttpSourceEvent}s: every response, every retry, every quota wait and every
 * change of the adaptive rate, so an application can count and time them (see the
 * {@code syncline-micrometer} module) without the library logging anything. Like Failsafe's
 * {@code onRetry}.
 *
 * <p>Called on the fetching thread, synchronously, before the source waits: keep it quick and
 * thread-safe (resources may sync in parallel). An exception thrown by a listener is swallowed
 * and never breaks a request. Events never carry tokens or secret query parameters.
 */
@FunctionalInterface
public interface HttpSourceListener {
  /**
   * Handles an event.
   *
   * @param event the event
   */
  void onEvent(HttpSourceEvent event);
}
