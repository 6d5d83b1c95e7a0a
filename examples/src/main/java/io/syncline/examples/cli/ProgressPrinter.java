package io.syncline.examples.cli;

import io.syncline.Progress;
import io.syncline.SyncEvent;
import io.syncline.SyncListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows sync progress: a redrawn bar on a terminal, plain periodic lines otherwise (logs, CI).
 */
final class ProgressPrinter implements SyncListener {
  private static final int BAR = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private long lastLine;
  private boolean barOpen;

  ProgressPrinter(PrintStream out, boolean terminal, Duration interval) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = interval.toNanos();
  }

  static ProgressPrinter forStderr() {
    return new ProgressPrinter(System.err, System.console() != null, Duration.ofSeconds(2));
  }

  @Override
  public synchronized void onEvent(SyncEvent event) {
    if (event instanceof SyncEvent.Started s) {
      closeBar();
      out.println(s.resource() + ": " + s.mode().name().toLowerCase(Locale.ROOT) + " (" + s.reason() + ")");
      lastLine = System.nanoTime();
    } else if (event instanceof SyncEvent.PageCommitted pc) {
      Progress p = pc.progress();
      if (terminal) {
        out.print("\r" + bar(p));
        out.flush();
        barOpen = true;
      } else if (System.nanoTime() - lastLine >= intervalNanos) {
        out.println(line(p));
        lastLine = System.nanoTime();
      }
    } else if (event instanceof SyncEvent.Finished || event instanceof SyncEvent.Failed) {
      closeBar();
    }
  }

  private void closeBar() {
    if (barOpen) {
      out.println();
      barOpen = false;
    }
  }

  static String bar(Progress p) {
    StringBuilder sb = new StringBuilder("  ").append(p.resource()).append(" [");
    double f = p.fraction().orElse(0.0);
    int filled = p.fraction().isPresent() ? (int) Math.round(f * BAR) : 0;
    for (int i = 0; i < BAR; i++) {
      sb.append(i < filled ? '#' : (p.fraction().isPresent() ? '.' : ' '));
    }
    sb.append("] ");
    p.fraction().ifPresent(x -> sb.append(String.format(Locale.ROOT, "%3.0f%% ", x * 100)));
    sb.append(String.format(Locale.ROOT, "%,d", p.records()));
    p.total().ifPresent(t -> sb.append(String.format(Locale.ROOT, "/%,d", t)));
    sb.append(String.format(Locale.ROOT, " rec  %,.0f rec/s", p.recordsPerSecond()));
    p.eta().ifPresent(eta -> sb.append("  ETA ").append(format(eta)));
    sb.append("   ");
    return sb.toString();
  }

  static String line(Progress p) {
    StringBuilder sb = new StringBuilder("  ").append(p.resource()).append(": ")
        .append(String.format(Locale.ROOT, "%,d", p.records()));
    p.total().ifPresent(t -> sb.append(String.format(Locale.ROOT, " of %,d", t)));
    sb.append(String.format(Locale.ROOT, " records, %d pages, %,.0f rec/s, %s on the wire", p.pages(),
        p.recordsPerSecond(), io.syncline.Traffic.bytes(p.traffic().wireBytes())));
    p.eta().ifPresent(eta -> sb.append(", ETA ").append(format(eta)));
    return sb.toString();
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
