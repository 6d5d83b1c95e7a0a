package io.syncline.http.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer that ends response bodies still arriving when their request's time is up.
 * {@link java.net.http.HttpRequest#timeout()} stops counting when the headers arrive, so a body
 * that stalls after them would otherwise hold its thread for as long as the server keeps the
 * connection open. One daemon thread, {@code syncline-http-deadline}, started on first use and
 * ended after a minute without deadlines; a deadline met is removed at once, so the timer holds no
 * body after its response completes. Thread-safe. Not API.
 */
final class BodyDeadlines {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private BodyDeadlines() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "syncline-http-deadline");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(1, TimeUnit.MINUTES);
    t.allowCoreThreadTimeOut(true);
    return t;
  }

  /**
   * Runs an action once a time has passed, unless cancelled first.
   *
   * @param delay how long from now; zero or less runs it at once
   * @param action what to run, on the timer's thread: it must be short and not block
   * @return the handle that cancels it
   */
  static ScheduledFuture<?> after(Duration delay, Runnable action) {
    return TIMER.schedule(action, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }
}
