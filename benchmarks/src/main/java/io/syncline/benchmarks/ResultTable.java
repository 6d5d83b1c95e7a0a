package io.syncline.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows a run produced, printed as one Markdown table. Thread-safe: rows may be added from
 * any thread.
 */
public final class ResultTable {

  /**
   * One line of the table.
   *
   * @param part the measurement, e.g. {@code 1 backfill}
   * @param subject what was measured, e.g. {@code Syncline → H2}
   * @param result the median value with its unit
   * @param detail spread, ratios, counts, notes
   */
  public record Row(String part, String subject, String result, String detail) {}

  private final List<Row> rows = new ArrayList<>();

  /**
   * Adds a row and echoes it to stderr so a long run shows progress.
   *
   * @param part the measurement
   * @param subject what was measured
   * @param result the value
   * @param detail the rest
   */
  public synchronized void add(String part, String subject, String result, String detail) {
    Row row = new Row(part, subject, result, detail);
    rows.add(row);
    System.err.println("  [" + part + "] " + subject + ": " + result + (detail.isEmpty() ? "" : " (" + detail + ")"));
  }

  /** @return the rows so far */
  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /**
   * Prints the table in Markdown, rows grouped by part in part order (measurements may finish
   * out of order).
   *
   * @param out where to print
   */
  public synchronized void print(PrintStream out) {
    out.println("| part | subject | median | detail |");
    out.println("|---|---|---:|---|");
    List<Row> ordered = new ArrayList<>(rows);
    ordered.sort(java.util.Comparator.comparing(Row::part));
    for (Row r : ordered) {
      out.println("| " + r.part + " | " + r.subject + " | " + r.result + " | " + r.detail + " |");
    }
  }

  /**
   * Formats a rate.
   *
   * @param perSecond records per second
   * @return e.g. {@code 12,345 rec/s}
   */
  public static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f rec/s", perSecond);
  }

  /**
   * Formats a spread of rates.
   *
   * @param s the samples
   * @return e.g. {@code min 10,000 / max 12,000 over 3 reps}
   */
  public static String spread(Samples s) {
    return String.format(Locale.ROOT, "min %,.0f, max %,.0f, %d reps", s.min(), s.max(), s.count());
  }
}
