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
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 6: what a new user compares. The Syncline CLI ({@code backfill --resource orders}, rate
 * limit raised out of the way) and the hand-written {@link SpringBatchJob}, each started as its own
 * JVM from this jar and timed from start to exit (JVM start, connection pool, schema creation and
 * all), alternating job and CLI, each repetition into fresh tables: a new H2 file, and on
 * PostgreSQL a schema {@code bench_cli} created for the run and dropped afterwards. The demo API
 * runs in this (parent) process. Ratio = Syncline / job on the medians. Each repetition runs four
 * processes: the job and the CLI on the JVM's defaults, the CLI through its launcher script
 * {@code examples/bin/syncline} (its JVM options for a short batch process, and the class-data
 * archive it writes on its first sync and maps afterwards), and the job given the launcher's very
 * same options and an archive of its own, so that what the options alone buy is visible. Each
 * archive is written by one first run on the same database before the repetitions (the launcher's
 * is timed and reported; an installed CLI pays it once), into a directory of this run's per
 * database, as an installation that syncs into that database would have.
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
    Optional<Launcher> launcher = Launcher.find();
    if (launcher.isEmpty()) {
      table.add("6 whole process", "Syncline CLI through examples/bin/syncline", "skipped",
          "launcher not found: run from the repository root or set -Dsyncline.launcher=");
    }
    try (FieldServiceServer server = DemoApi.start(n)) {
      for (Database db : List.of(Database.H2, Database.POSTGRESQL)) {
        Optional<JdbcConnectionPool> pool = db.open(workDir, "versus");
        if (pool.isEmpty()) {
          table.add("6 whole process", db.label(), "skipped", "not reachable");
          continue;
        }
        // Each database gets the archives its own first runs write, as an installation would.
        Path archives = Files.createDirectories(workDir.resolve("class-data-" + db.name().toLowerCase(Locale.ROOT)));
        Map<String, String> launcherEnv = Map.of("SYNCLINE_JAR", System.getProperty("java.class.path"),
            "JAVA_HOME", System.getProperty("java.home"), "SYNCLINE_CACHE_DIR", archives.toString());
        Path jobArchive = archives.resolve("job.jsa");
        Samples job = new Samples();
        Samples cli = new Samples();
        Samples launched = new Samples();
        Samples jobSameOptions = new Samples();
        try {
          if (launcher.isPresent()) {
            firstRuns(n, launcher.get(), db, server, pool.get(), launcherEnv, jobArchive);
          }
          for (int rep = 1; rep <= options.reps(); rep++) {
            job.add(report(rep, db, "Spring Batch job (process)", n / time(java(List.of(), SpringBatchJob.class,
                jobArgs(db, server, target(db, pool.get(), "job-" + rep))), Map.of())));
            cli.add(report(rep, db, "Syncline CLI backfill (process)", n / time(java(List.of(), SynclineCli.class,
                cliArgs(db, server, target(db, pool.get(), "cli-" + rep))), Map.of())));
            if (launcher.isPresent()) {
              launched.add(report(rep, db, "Syncline CLI through bin/syncline", n / time(
                  launch(launcher.get(), cliArgs(db, server, target(db, pool.get(), "launched-" + rep))), launcherEnv)));
              jobSameOptions.add(report(rep, db, "Spring Batch job, the launcher's JVM options",
                  n / time(java(jobOptions(launcher.get(), "-XX:SharedArchiveFile=" + jobArchive), SpringBatchJob.class,
                      jobArgs(db, server, target(db, pool.get(), "job-same-" + rep))), Map.of())));
            }
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
            ResultTable.rate(cli.median()), String.format(Locale.ROOT, "Syncline / job = %.2f, both on the JVM's "
                + "defaults; %s", cli.median() / job.median(), ResultTable.spread(cli)));
        if (launcher.isPresent()) {
          String opts = String.join(" ", launcher.get().defaultJavaOptions());
          table.add("6 whole process", db.label() + ": Syncline CLI backfill through examples/bin/syncline ("
              + opts + ", its class-data archive)", ResultTable.rate(launched.median()), String.format(Locale.ROOT,
                  "**Syncline / job = %.2f** (target ≥ 1.6; the job as written, on the JVM's defaults); %s",
                  launched.median() / job.median(), ResultTable.spread(launched)));
          table.add("6 whole process", db.label() + ": Spring Batch job given the launcher's options (" + opts
              + ") and a class-data archive of its own",
              ResultTable.rate(jobSameOptions.median()), String.format(Locale.ROOT,
                  "Syncline through the launcher / this job = %.2f; %s",
                  launched.median() / jobSameOptions.median(), ResultTable.spread(jobSameOptions)));
        }
      }
    }
  }

  /**
   * The first run through the launcher, which writes its class-data archive (timed and reported),
   * and the job's first run given the launcher's options, which writes the job's.
   */
  private void firstRuns(int n, Launcher launcher, Database db, FieldServiceServer server, JdbcConnectionPool pool,
      Map<String, String> launcherEnv, Path jobArchive) throws Exception {
    double first = time(launch(launcher, cliArgs(db, server, target(db, pool, "launched-first"))), launcherEnv);
    table.add("6 whole process", db.label() + ": the launcher's first run (writes its class-data archive)",
        ResultTable.rate(n / first), String.format(Locale.ROOT, "%.2f s; not in the medians below", first));
    time(java(jobOptions(launcher, "-XX:ArchiveClassesAtExit=" + jobArchive), SpringBatchJob.class,
        jobArgs(db, server, target(db, pool, "job-same-first"))), Map.of());
    if (!Files.isRegularFile(jobArchive)) {
      throw new IllegalStateException("the job's first run wrote no class-data archive at " + jobArchive);
    }
  }

  /** The launcher script run by {@code sh} with the CLI's arguments. */
  private static List<String> launch(Launcher launcher, List<String> cliArgs) {
    List<String> command = new ArrayList<>(List.of("sh", launcher.script().toString()));
    command.addAll(cliArgs);
    return command;
  }

  /** The launcher's JVM options plus one class-data archive option, its messages off as the launcher's are. */
  private static List<String> jobOptions(Launcher launcher, String archiveOption) {
    List<String> options = new ArrayList<>(launcher.defaultJavaOptions());
    options.addAll(List.of(archiveOption, "-Xlog:cds*=off"));
    return options;
  }

  private static List<String> jobArgs(Database db, FieldServiceServer server, String url) {
    return List.of(server.baseUrl().toString(), DemoApi.TOKEN, url, db == Database.POSTGRESQL ? "postgres" : "sa");
  }

  private static List<String> cliArgs(Database db, FieldServiceServer server, String url) {
    List<String> args = new ArrayList<>(List.of("backfill", "--api-url", server.baseUrl().toString(),
        "--token", DemoApi.TOKEN, "--jdbc-url", url, "--resource", "orders",
        "--per-page", Integer.toString(DemoApi.PER_PAGE), "--rate-limit", "1000000"));
    if (db == Database.POSTGRESQL) {
      args.addAll(List.of("--db-user", "postgres"));
    }
    return args;
  }

  /** Fresh tables for one process: a new H2 file, or PostgreSQL's schema dropped and created again. */
  private String target(Database db, JdbcConnectionPool pool, String name) throws SQLException {
    return db == Database.H2 ? "jdbc:h2:file:" + workDir.resolve("versus-" + name).toAbsolutePath() : resetSchema(pool);
  }

  private static double report(int rep, Database db, String what, double rate) {
    System.err.printf(Locale.ROOT, "    rep %d: %s %s %,.0f rec/s%n", rep, db.label(), what, rate);
    return rate;
  }

  /** A child JVM on this jar: java, JVM options, -cp, then the main class and its arguments. */
  private static List<String> java(List<String> jvmOptions, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    return command;
  }

  /** Runs a child process and returns its wall-clock seconds, start to exit. */
  private double time(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "child-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process child = pb.start();
    int exit = child.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (exit != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size()))) + " … exited "
          + exit + ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
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
