package io.syncline.examples.cli;

import io.syncline.SyncEngine;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a CLI run cleanly on Ctrl-C (SIGINT) or SIGTERM ({@code docker stop}, systemd, Kubernetes):
 * a JVM shutdown hook that asks the engine to {@link SyncEngine#stop() stop} and then waits, up to
 * a grace period, until the command has finished its current page, released the lease and printed
 * its last line. Without the wait the JVM would halt in the middle of that. Installed only by
 * {@link SynclineCli#main}; the in-process {@link SynclineCli#run} used by tests installs nothing.
 */
final class StopOnSignal implements AutoCloseable {
  /** How long the hook waits for the run to end: below the 30 s most supervisors give before SIGKILL. */
  static final long GRACE_SECONDS = 25;

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private StopOnSignal(SyncEngine engine, PrintStream err) {
    this.hook = new Thread(() -> {
      if (finished.getCount() == 0) {
        return;
      }
      err.println("stopping: finishing the current page, then releasing the lease (up to "
          + GRACE_SECONDS + " s)");
      err.flush();
      engine.stop();
      try {
        if (!finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
          err.println("stopping: the run did not end within " + GRACE_SECONDS + " s; exiting anyway "
              + "(committed pages are kept; the next run on this host takes the lease over at once)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "syncline-stop-on-signal");
  }

  /**
   * Installs the hook for one command.
   *
   * @param engine the engine the command runs
   * @param err where the hook says what it does
   * @param enabled false to install nothing (in-process runs)
   * @return the guard; close it when the command has printed its last line
   */
  static StopOnSignal install(SyncEngine engine, PrintStream err, boolean enabled) {
    StopOnSignal s = new StopOnSignal(engine, err);
    if (enabled) {
      Runtime.getRuntime().addShutdownHook(s.hook);
    } else {
      s.finished.countDown();
    }
    return s;
  }

  @Override
  public void close() {
    boolean wasInstalled = finished.getCount() > 0;
    finished.countDown();
    if (wasInstalled) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running (a signal came): it sees the latch and lets the JVM exit.
      }
    }
  }
}
