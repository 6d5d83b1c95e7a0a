package io.syncline.examples.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The CLI's log: what third-party libraries log at WARNING and above (HikariCP and the MariaDB
 * driver through SLF4J and slf4j-jdk14, the PostgreSQL driver through java.util.logging directly),
 * on standard error, one line each. A logged exception is named by its class and SQLSTATE only:
 * drivers put statements and bound values in their messages ("Batch entry 0 INSERT INTO … VALUES
 * (…)"), and records must never reach the terminal. With {@code --verbose} the exception's trace
 * follows the line, frames and causes, still without third-party messages.
 */
final class CliLogging {
  private CliLogging() {}

  /**
   * Replaces the root logger's handlers with one writing to {@code err}.
   *
   * @param err where lines go
   * @param verbose whether exceptions' traces follow their line
   */
  static void install(PrintStream err, boolean verbose) {
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.setLevel(Level.WARNING);
    root.addHandler(new OneLineHandler(err, verbose));
  }

  /** Writes each record as one line, and with {@code verbose} the trace of its exception. */
  static final class OneLineHandler extends Handler {
    private final PrintStream err;
    private final boolean verbose;
    private final Formatter messages = new Formatter() {
      @Override
      public String format(LogRecord r) {
        return formatMessage(r);
      }
    };

    OneLineHandler(PrintStream err, boolean verbose) {
      this.err = err;
      this.verbose = verbose;
      setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord r) {
      if (r == null || !isLoggable(r)) {
        return;
      }
      err.println(line(r));
      if (verbose && r.getThrown() != null) {
        trace(r.getThrown(), "", new IdentityHashMap<>());
      }
      err.flush();
    }

    String line(LogRecord r) {
      String level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
      String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
      String shortName = logger.substring(logger.lastIndexOf('.') + 1);
      StringBuilder b = new StringBuilder(level).append(": [").append(shortName).append("] ")
          .append(SynclineCli.oneLine(String.valueOf(messages.format(r))));
      if (r.getThrown() != null) {
        b.append(" (").append(name(r.getThrown()));
        Throwable root = r.getThrown();
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        if (root != r.getThrown()) {
          b.append(", caused by ").append(name(root));
        }
        b.append(verbose ? ")" : "; --verbose for the trace)");
      }
      return b.toString();
    }

    /** A throwable's class and SQLSTATE, and its message only when it is one of Syncline's (ours are safe). */
    private static String name(Throwable t) {
      StringBuilder b = new StringBuilder(t.getClass().getSimpleName());
      if (t instanceof SQLException e && e.getSQLState() != null) {
        b.append(" SQLSTATE ").append(e.getSQLState());
      }
      if (t.getClass().getName().startsWith("io.syncline.") && t.getMessage() != null) {
        b.append(": ").append(SynclineCli.oneLine(t.getMessage()));
      }
      return b.toString();
    }

    private void trace(Throwable t, String caption, Map<Throwable, Boolean> seen) {
      if (seen.put(t, Boolean.TRUE) != null) {
        return;
      }
      err.println("    " + caption + t.getClass().getName() + describeWithheld(t));
      for (StackTraceElement e : t.getStackTrace()) {
        err.println("        at " + e);
      }
      for (Throwable s : t.getSuppressed()) {
        trace(s, "Suppressed: ", seen);
      }
      if (t instanceof SQLException e && e.getNextException() != null && e.getNextException() != t.getCause()) {
        trace(e.getNextException(), "Next: ", seen);
      }
      if (t.getCause() != null) {
        trace(t.getCause(), "Caused by: ", seen);
      }
    }

    private static String describeWithheld(Throwable t) {
      String state = t instanceof SQLException e && e.getSQLState() != null
          ? String.format(Locale.ROOT, " [SQLSTATE %s, error %d]", e.getSQLState(), e.getErrorCode()) : "";
      if (t.getClass().getName().startsWith("io.syncline.")) {
        return state + ": " + SynclineCli.oneLine(String.valueOf(t.getMessage()));
      }
      return state + (t.getMessage() == null ? "" : " (message withheld: it may echo record data)");
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
