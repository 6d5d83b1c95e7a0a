package io.syncline.benchmarks;

import io.syncline.examples.cli.SynclineCli;
import io.syncline.examples.server.FieldServiceServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 6: what a new user compares. The Syncline CLI ({@code backfill --resource orders}, rate
 * limit raised out of the way) and the hand-written {@link SpringBatchJob}, each started as its own
 * JVM from this jar and timed from start to exit (JVM start, connection pool, schema creation and
 * all), alternating job and CLI, each repetition into fresh tables: a new H2 file, and on
 * PostgreSQL a schema {@code bench_cli} created for the run and dropped afterwards. The demo API
 * runs in this (parent) process. Ratio = Syncline / job on the medians.
 */
public final class WholeProcessComparison {
  private static final String PG_SCHEMA = "bench_cli";
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + PG_SCHEMA
      + "&reWriteBatchedInserts=true";

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * @param options the run's options
   * @param workDir where the H2 files go
   * @param table where results go
   */
  public WholeProcessComparison(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /**
   * Runs the comparison on H2 and PostgreSQL.
   *
   * @throws Exception on failure
   */
  public void run() throws Exception {
    int n = options.size(100_000, 5_000);
    try (FieldServiceServer server = DemoApi.start(n)) {
      for (Database db : List.of(Database.H2, Database.POSTGRESQL)) {
        Optional<JdbcConnectionPool> pool = db.open(workDir, "versus");
        if (pool.isEmpty()) {
          table.add("6 whole process", db.label(), "skipped", "not reachable");
          continue;
        }
        Samples job = new Samples();
        Samples cli = new Samples();
        try {
          for (int rep = 1; rep <= options.reps(); rep++) {
            String url = db == Database.H2
                ? "jdbc:h2:file:" + workDir.resolve("versus-job-" + rep).toAbsolutePath()
                : resetSchema(pool.get());
            double jobRate = n / time(List.of(SpringBatchJob.class.getName(), server.baseUrl().toString(),
                DemoApi.TOKEN, url, db == Database.POSTGRESQL ? "postgres" : "sa"));
            job.add(jobRate);
            System.err.printf(Locale.ROOT, "    rep %d: %s Spring Batch job (process) %,.0f rec/s%n", rep, db.label(), jobRate);
            url = db == Database.H2
                ? "jdbc:h2:file:" + workDir.resolve("versus-cli-" + rep).toAbsolutePath()
                : resetSchema(pool.get());
            List<String> args = new ArrayList<>(List.of(SynclineCli.class.getName(), "backfill",
                "--api-url", server.baseUrl().toString(), "--token", DemoApi.TOKEN, "--jdbc-url", url,
                "--resource", "orders", "--per-page", Integer.toString(DemoApi.PER_PAGE),
                "--rate-limit", "1000000"));
            if (db == Database.POSTGRESQL) {
              args.addAll(List.of("--db-user", "postgres"));
            }
            double cliRate = n / time(args);
            cli.add(cliRate);
            System.err.printf(Locale.ROOT, "    rep %d: %s Syncline CLI backfill (process) %,.0f rec/s%n", rep, db.label(), cliRate);
          }
        } finally {
          if (db == Database.POSTGRESQL) {
            dropSchema(pool.get());
          }
          pool.get().dispose();
        }
        table.add("6 whole process", db.label() + ": Spring Batch job (java -cp … SpringBatchJob)",
            ResultTable.rate(job.median()), ResultTable.spread(job) + String.format(Locale.ROOT,
                "; %,d orders, chunk 500, keyset reader, JdbcBatchItemWriter upsert", n));
        table.add("6 whole process", db.label() + ": Syncline CLI backfill (java -cp … SynclineCli backfill)",
            ResultTable.rate(cli.median()), String.format(Locale.ROOT, "**Syncline / job = %.2f** (target ≥ 1.6); %s",
                cli.median() / job.median(), ResultTable.spread(cli)));
      }
    }
  }

  /** Runs a child JVM on this jar and returns its wall-clock seconds, start to exit. */
  private double time(List<String> mainAndArgs) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    Path log = Files.createTempFile(workDir, "child-", ".log");
    long t0 = System.nanoTime();
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = child.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (exit != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException(mainAndArgs.get(0) + " exited " + exit + ": "
          + String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
    }
    return seconds;
  }

  private static String resetSchema(JdbcConnectionPool pool) throws SQLException {
    dropSchema(pool);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + PG_SCHEMA);
    }
    return PG_URL;
  }

  private static void dropSchema(JdbcConnectionPool pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
    }
  }
}
