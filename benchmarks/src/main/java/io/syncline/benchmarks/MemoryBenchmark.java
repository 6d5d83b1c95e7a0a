package io.syncline.benchmarks;

import io.syncline.examples.server.FieldServiceServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 3: a backfill of 1,000,000 orders must complete in a JVM limited to {@code -Xmx64m}. The
 * demo server runs here, in the parent; {@link MemoryChild} runs the backfill in a child JVM
 * started from the same jar. Peak heap is the sum of the heap pools' peak usage
 * ({@link java.lang.management.MemoryPoolMXBean#getPeakUsage()}): an upper bound, since pools
 * peak at different moments. Runs once (it takes a minute or more); not thread-safe.
 */
public final class MemoryBenchmark {
  private static final String HEAP = "-Xmx64m";

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param options the run's options
   * @param workDir where the child's H2 file lives
   * @param table where results go
   */
  public MemoryBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /**
   * Runs the child and adds a row.
   *
   * @throws Exception on failure to start the child
   */
  public void run() throws Exception {
    int n = options.size(1_000_000, 20_000);
    try (FieldServiceServer server = DemoApi.start(n)) {
      // SQLite: embedded like H2, but off-heap, and its store lookup uses the primary key; on H2 and
      // on an unanalysed PostgreSQL table every page scans all stored rows (see BENCHMARKS.md),
      // which makes 1,000,000 rows a matter of hours.
      Database db = Database.SQLITE;
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError",
          "-cp", System.getProperty("java.class.path"), MemoryChild.class.getName(),
          server.baseUrl().toString(), db.name(), workDir.toString()));
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      Map<String, String> result = new HashMap<>();
      List<String> tail = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("RESULT ")) {
            for (String kv : line.substring(7).split(" ")) {
              String[] p = kv.split("=", 2);
              result.put(p[0], p[1]);
            }
          } else {
            tail.add(line);
            if (tail.size() > 5) {
              tail.remove(0);
            }
          }
        }
      }
      int exit = child.waitFor();
      String subject = String.format(Locale.ROOT, "backfill of %,d orders into %s in a child JVM with %s", n,
          db.label(), HEAP);
      if (exit != 0 || !result.containsKey("records")) {
        table.add("3 memory", subject, "**failed**", "exit " + exit + ": " + String.join(" / ", tail));
        return;
      }
      long records = Long.parseLong(result.get("records"));
      double seconds = Double.parseDouble(result.get("seconds"));
      table.add("3 memory", subject,
          String.format(Locale.ROOT, "peak heap %.1f MB", Long.parseLong(result.get("peakHeapBytes")) / 1048576.0),
          String.format(Locale.ROOT, "%s: %,d stored in %.0f s (%,.0f rec/s); old gen peak %.1f MB; max heap %.1f MB;"
                  + " one run", records == n ? "passed" : "**incomplete**", records, seconds, records / seconds,
              Long.parseLong(result.get("peakOldGenBytes")) / 1048576.0,
              Long.parseLong(result.get("maxHeapBytes")) / 1048576.0));
    }
  }
}
