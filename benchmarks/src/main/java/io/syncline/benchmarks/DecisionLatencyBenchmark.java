package io.syncline.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Part 4: latency of {@link SyncEngine#shouldRunIncrementalSync} on H2 and PostgreSQL, measured
 * with JMH ({@link DecisionLatencyJmh}, sample-time mode, one fork) after a small backfill so the
 * store holds a real state row. JMH's sample-time mode times individual calls, so the table gets
 * p50 and p99 from JMH's own histogram.
 */
public final class DecisionLatencyBenchmark {
  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param options the run's options
   * @param workDir where embedded databases live (used to check reachability)
   * @param table where results go
   */
  public DecisionLatencyBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /** Runs it on H2 and PostgreSQL. */
  public void run() {
    for (Database db : List.of(Database.H2, Database.POSTGRESQL)) {
      Optional<JdbcConnectionPool> probe = db.open(workDir, "decision-probe");
      if (probe.isEmpty()) {
        table.add("4 decision", db.label(), "skipped", "not reachable");
        continue;
      }
      probe.get().dispose();
      int iterations = options.smoke() ? 1 : Math.max(3, options.reps());
      int seconds = options.smoke() ? 1 : 5;
      org.openjdk.jmh.runner.options.Options jmh = new OptionsBuilder()
          .include(DecisionLatencyJmh.class.getName() + ".shouldRunIncrementalSync")
          .param("database", db.name())
          .warmupIterations(options.smoke() ? 1 : 2).warmupTime(TimeValue.seconds(seconds))
          .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
          .forks(1)
          .shouldFailOnError(true)
          .verbosity(VerboseMode.SILENT)
          .build();
      RunResult result;
      try {
        result = new Runner(jmh).run().iterator().next();
      } catch (RunnerException e) {
        throw new IllegalStateException("JMH failed on " + db.label() + ": " + e.getMessage(), e);
      }
      Statistics stats = result.getPrimaryResult().getStatistics();
      String how = String.format(Locale.ROOT, "JMH sample-time, 1 fork, %d × %d s measured after %d s warm-up; %,d samples",
          iterations, seconds, (options.smoke() ? 1 : 2) * seconds, stats.getN());
      table.add("4 decision", db.label() + ": shouldRunIncrementalSync p50",
          String.format(Locale.ROOT, "%.1f µs", stats.getPercentile(50)), how);
      table.add("4 decision", db.label() + ": shouldRunIncrementalSync p99",
          String.format(Locale.ROOT, "%.1f µs", stats.getPercentile(99)), how);
    }
  }
}
