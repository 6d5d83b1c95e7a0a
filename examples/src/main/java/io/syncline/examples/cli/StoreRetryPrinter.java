package io.syncline.examples.cli;

import io.syncline.jdbc.StoreRetryEvent;
import io.syncline.jdbc.StoreRetryListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Tells the operator that the database went away and came back: one line when an outage begins,
 * one when it ends (the store's messages carry no record data). Thread-safe.
 */
final class StoreRetryPrinter implements StoreRetryListener {
  private final PrintStream err;
  private boolean inOutage;

  StoreRetryPrinter(PrintStream err) {
    this.err = err;
  }

  @Override
  public synchronized void onEvent(StoreRetryEvent e) {
    String who = e.resource().map(r -> r + ": ").orElse("");
    switch (e.kind()) {
      case RETRYING -> {
        if (!inOutage) {
          inOutage = true;
          err.println("warning: " + who + "database unavailable, retrying for up to " + seconds(e.budget().toMillis())
              + ": " + SynclineCli.oneLine(e.failure()));
        }
      }
      case RECOVERED -> {
        if (inOutage) {
          err.println("warning: " + who + "database back after " + seconds(e.outage().toMillis()) + ", "
              + (e.attempt() - 1) + " retries; continuing");
        }
        inOutage = false;
      }
      case GAVE_UP -> inOutage = false;
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
