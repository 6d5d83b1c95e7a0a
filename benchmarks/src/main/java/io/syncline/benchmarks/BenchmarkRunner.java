package io.syncline.benchmarks;

import io.syncline.benchmarks.Options.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the measurements of {@code BENCHMARKS.md} and prints one Markdown table:
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/syncline-benchmarks.jar [--smoke] [--reps N] [--warmups N] [--in-this-jvm] [--only upsert,decision,traffic,sweep]
 * </pre>
 *
 * <p>Progress goes to stderr, the machine line and the table to stdout. A database that cannot
 * be reached gets a "skipped" row. Nothing here asserts a speed; the exit status is non-zero
 * only when a measurement fails to run.
 *
 * <p>Like JMH's forks, the runner measures in a child JVM it starts on the same class path, with
 * a fixed heap touched before the first measurement ({@code -Xms=-Xmx}, {@code
 * -XX:+AlwaysPreTouch}) unless {@code --in-this-jvm} is given. With the JVM's default heap, the
 * heap grows while the run goes on, and the kernel zeroes every page it adds: in a harness of 14
 * back-to-back backfills (run 9 of {@code BENCHMARKS.md}), a repetition now and then took twice the
 * writer's CPU time of its neighbours, during the seconds {@code vmstat} showed 35-48 % system time,
 * which made the median of three measure the heap's growth more than the code. The JVM options
 * the runner itself was started with are passed on before these, and the machine line names them.
 */
public final class BenchmarkRunner {
  /** Set on the child JVM that measures. */
  private static final String FORKED = "syncline.benchmarks.forked";
  private static final String HEAP = "3g";
  private static final String SMOKE_HEAP = "1g";

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
      System.err.println("usage: java -jar syncline-benchmarks.jar [--smoke] [--reps N] [--warmups N] [--in-this-jvm]"
          + " [--only backfill,delta,memory,decision,upsert,versus,candidates,traffic,sweep]");
      System.exit(2);
      return;
    }
    if (options.fork() && System.getProperty(FORKED) == null) {
      System.exit(fork(args, options.smoke() ? SMOKE_HEAP : HEAP));
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
        + " --warmups " + options.warmups() + (options.fork() ? "" : " --in-this-jvm")
        + ", took " + took.toSeconds() + " s, started " + start);
    System.out.println();
    table.print(System.out);
  }

  /**
   * Runs the same command line in a child JVM with a fixed, pre-touched heap, sharing this
   * process's standard streams, and returns its exit status. The child is destroyed if this JVM is
   * stopped first.
   */
  private static int fork(String[] args, String heap) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A debugger agent listening on a port cannot bind it twice: it stays with this JVM (debug the
    // measurements with --in-this-jvm).
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")).forEach(command::add);
    command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-D" + FORKED + "=true",
        "-cp", System.getProperty("java.class.path"), BenchmarkRunner.class.getName()));
    command.addAll(Arrays.asList(args));
    Process child = new ProcessBuilder(command).inheritIO().start();
    Thread stop = new Thread(child::destroy, "stop-benchmark-child");
    Runtime.getRuntime().addShutdownHook(stop);
    int exit = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(stop);
    return exit;
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
