package io.syncline.benchmarks;

import io.syncline.benchmarks.Options.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the measurements of {@code BENCHMARKS.md} and prints one Markdown table:
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/syncline-benchmarks.jar [--smoke] [--reps N] [--only upsert,decision,traffic,sweep]
 * </pre>
 *
 * <p>Progress goes to stderr, the machine line and the table to stdout. A database that cannot
 * be reached gets a "skipped" row. Nothing here asserts a speed; the exit status is non-zero
 * only when a measurement fails to run.
 */
public final class BenchmarkRunner {

  private BenchmarkRunner() {}

  /**
   * Entry point.
   *
   * @param args see {@link Options#parse(String...)}
   * @throws Exception when a measurement fails
   */
  public static void main(String[] args) throws Exception {
    // The JDK HttpServer behind the demo API writes headers and body separately; without
    // TCP_NODELAY a small body (a gzipped page) waits for the client's delayed ACK, about 40 ms a
    // request on loopback, which would be measured as Syncline's time.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage().equals("usage") ? "" : e.getMessage());
      System.err.println("usage: java -jar syncline-benchmarks.jar [--smoke] [--reps N]"
          + " [--only backfill,delta,memory,decision,upsert,versus,candidates,traffic,sweep]");
      System.exit(2);
      return;
    }
    MachineInfo machine = MachineInfo.current();
    System.err.println(machine);
    ResultTable table = new ResultTable();
    Path workDir = Files.createTempDirectory("syncline-bench-");
    Instant start = Instant.now();
    try {
      if (options.runs(Part.BACKFILL)) {
        System.err.println("1/2 backfill and delta");
        new BackfillBenchmark(options, workDir, table).run();
      }
      if (options.runs(Part.MEMORY)) {
        System.err.println("3 memory");
        new MemoryBenchmark(options, workDir, table).run();
      }
      if (options.runs(Part.DECISION)) {
        System.err.println("4 decision latency");
        new DecisionLatencyBenchmark(options, workDir, table).run();
      }
      if (options.runs(Part.UPSERT)) {
        System.err.println("5 upsert");
        new UpsertBenchmark(options, workDir, table).run();
      }
      if (options.runs(Part.VERSUS)) {
        System.err.println("6 whole process: CLI against a Spring Batch job");
        new WholeProcessComparison(options, workDir, table).run();
      }
      if (options.runs(Part.CANDIDATES)) {
        System.err.println("7 page-write candidates");
        new WriteCandidates(options, workDir, table).run();
      }
      if (options.runs(Part.TRAFFIC)) {
        System.err.println("8 traffic");
        new TrafficBenchmark(options, workDir, table).run();
      }
      if (options.runs(Part.SWEEP)) {
        System.err.println("9 deletion sweep");
        new SweepBenchmark(options, workDir, table).run();
      }
    } finally {
      deleteTree(workDir);
    }
    Duration took = Duration.between(start, Instant.now());
    System.out.println(machine);
    System.out.println("run: " + (options.smoke() ? "--smoke " : "") + "--reps " + options.reps()
        + ", took " + took.toSeconds() + " s, started " + start);
    System.out.println();
    table.print(System.out);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
