package io.syncline.benchmarks;

import io.syncline.FreshnessPolicy;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.examples.server.ServerStats;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 1 (and the setup of part 2): a backfill of the demo API's orders into H2 and PostgreSQL
 * through Syncline ({@link SyncEngine} + {@code HttpRecordSource} + {@link JdbcRecordStore}),
 * measured in the same run as its two limits: {@link FetchOnlyLimit fetch-only} and
 * {@link RawUpsert write-only} (raw JDBC batch upsert of the same records, batch 500).
 *
 * <p>Whole-process timing with {@link System#nanoTime()}; every repetition starts from empty
 * tables. Untimed warm-up repetitions (at least {@link Options#warmups()}, 3 by default, then until
 * one spends under 2 % of its wall time in JIT compilation, at most 30; since run 15) come first:
 * measured in run 7, the first repetition of each database ran at a third to a half of the later ones (the JIT
 * compiling H2's, the driver's and Syncline's paths while they run), and a median of three with
 * one such value compared compilation more than writing. Measured in run 15, three were not enough
 * either: a backfill runs a few hundred requests and statements per repetition, so code that runs
 * once per page reached C2 only after some 20 repetitions, and until then the compilers took 10-30 %
 * of the repetition's time on a machine of two CPUs. Ratio = Syncline / min(fetch-only, write-only),
 * computed on the medians: 1.0 means Syncline is as fast as the slower of the two things it
 * cannot avoid doing, which it can only reach by overlapping them.
 */
public final class BackfillBenchmark {
  private static final String PREFIX = "bench_bf_";
  private static final String RAW = "bench_bf_raw";
  private static final String STORE_ONLY = "bench_bfs_";
  /** A warm-up repetition that compiles less than this share of its time ends the warm-up. */
  private static final double QUIET_JIT = 0.02;
  private static final int MAX_WARMUPS = 30;

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param options the run's options
   * @param workDir where embedded databases live
   * @param table where results go
   */
  public BackfillBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /**
   * Runs the backfill measurements, then the delta measurement on each database.
   *
   * @throws Exception on failure
   */
  public void run() throws Exception {
    int n = options.size(100_000, 5_000);
    Resource orders = DemoApi.orders();
    List<Database> dbs = List.of(Database.H2, Database.POSTGRESQL);
    Map<Database, JdbcConnectionPool> pools = new EnumMap<>(Database.class);
    for (Database db : dbs) {
      Optional<JdbcConnectionPool> pool = db.open(workDir, "backfill");
      if (pool.isPresent()) {
        pools.put(db, pool.get());
      } else {
        table.add("1 backfill", db.label(), "skipped", "not reachable");
      }
    }
    try (FieldServiceServer server = DemoApi.start(n)) {
      Repetitions r = new Repetitions(server, n, orders, pools);
      int warm = 0;
      double compiling = 1;
      while (warm < options.warmups() || (!options.smoke() && compiling > QUIET_JIT && warm < MAX_WARMUPS)) {
        warm++;
        compiling = r.run("warm-up " + warm, false, false);
        System.err.printf(Locale.ROOT, "    warm-up %d: the JIT compiled %.1f %% of the repetition's time%n", warm,
            100 * compiling);
      }
      Samples measuredCompiling = new Samples();
      for (int rep = 1; rep <= options.reps(); rep++) {
        measuredCompiling.add(r.run("rep " + rep, true, rep == options.reps()));
      }
      new DeltaMeasurement(server, orders, table).run(r.lastEngines, r.fullRefetch);
      String size = String.format(Locale.ROOT, "%,d orders, per_page %d", n, DemoApi.PER_PAGE);
      table.add("1 backfill", "fetch-only limit (java.net.http + Jackson)", ResultTable.rate(r.fetch.median()),
          ResultTable.spread(r.fetch) + "; " + size + "; " + r.fullRefetch.requests() + " requests");
      for (Database db : pools.keySet()) {
        Samples w = r.write.get(db);
        Samples s = r.syncline.get(db);
        double limit = Math.min(r.fetch.median(), w.median());
        table.add("1 backfill", db.label() + ": write-only limit (raw JDBC batch 500)", ResultTable.rate(w.median()),
            ResultTable.spread(w));
        Samples so = r.storeOnly.get(db);
        table.add("1 backfill", db.label() + ": JdbcRecordStore.write alone (same pages, no HTTP)",
            ResultTable.rate(so.median()), String.format(Locale.ROOT,
                "diagnostic: Syncline backfill / this = %.2f (how well fetching hides behind writing); last rep only",
                s.median() / so.median()));
        Samples sb = r.springBatch.get(db);
        table.add("1 backfill", db.label() + ": Spring Batch job (in-process: keyset reader, chunk 500,"
            + " JdbcBatchItemWriter upsert)", ResultTable.rate(sb.median()), ResultTable.spread(sb));
        table.add("1 backfill", db.label() + ": Syncline backfill", ResultTable.rate(s.median()),
            String.format(Locale.ROOT, "**ratio %.2f** of min(limits) = %,.0f rec/s (target ≥ 0.6);"
                + " **Syncline / job = %.2f** (target ≥ 1.6); %s; %d requests",
                s.median() / limit, limit, s.median() / sb.median(), ResultTable.spread(s), r.backfillCost.requests()));
      }
      table.add("1 backfill", "warm-up before the timed repetitions", warm + " repetitions", String.format(Locale.ROOT,
          "at least %d, then until one spends under %.0f %% of its time in JIT compilation (at most %d);"
          + " the timed ones spent %.1f-%.1f %%", options.warmups(), 100 * QUIET_JIT, MAX_WARMUPS,
          100 * measuredCompiling.min(), 100 * measuredCompiling.max()));
    } finally {
      for (JdbcConnectionPool pool : pools.values()) {
        Database.dropStore(pool, PREFIX);
        Database.dropTables(pool, RAW);
        Database.dropStore(pool, STORE_ONLY);
        pool.dispose();
      }
    }
  }

  /** One repetition of part 1 after another, collecting the samples; fields are the results. */
  private static final class Repetitions {
    private final FieldServiceServer server;
    private final int n;
    private final Resource orders;
    private final Map<Database, JdbcConnectionPool> pools;
    private final FetchOnlyLimit fetchOnly;
    private final List<SourceRecord> records;
    final Samples fetch = new Samples();
    final Map<Database, Samples> write = new EnumMap<>(Database.class);
    final Map<Database, Samples> syncline = new EnumMap<>(Database.class);
    final Map<Database, Samples> storeOnly = new EnumMap<>(Database.class);
    final Map<Database, Samples> springBatch = new EnumMap<>(Database.class);
    final Map<Database, SyncEngine> lastEngines = new EnumMap<>(Database.class);
    ServerStats fullRefetch;
    ServerStats backfillCost;

    Repetitions(FieldServiceServer server, int n, Resource orders, Map<Database, JdbcConnectionPool> pools)
        throws Exception {
      this.server = server;
      this.n = n;
      this.orders = orders;
      this.pools = pools;
      this.fetchOnly = new FetchOnlyLimit(server.baseUrl(), DemoApi.TOKEN, DemoApi.PER_PAGE);
      this.records = fetchOnly.collectAll();
    }

    /**
     * Runs every measurement once.
     *
     * @return the share of the repetition's wall time the JIT compilers spent compiling
     */
    double run(String label, boolean timed, boolean last) throws Exception {
      long compiled0 = compileMillis();
      long start = System.nanoTime();
      ServerStats before = server.stats();
      long t0 = System.nanoTime();
      long read = fetchOnly.readAll();
      double fetchRate = read / seconds(t0);
      fullRefetch = server.stats().minus(before);
      if (timed) {
        fetch.add(fetchRate);
      }
      progress(label, "fetch-only", fetchRate);
      for (Map.Entry<Database, JdbcConnectionPool> e : pools.entrySet()) {
        Database db = e.getKey();
        JdbcConnectionPool pool = e.getValue();
        RawUpsert raw = new RawUpsert(db, RAW);
        raw.recreate(pool);
        long t1 = System.nanoTime();
        raw.write(pool, "orders", records, DemoApi.PER_PAGE);
        double writeRate = records.size() / seconds(t1);
        raw.drop(pool);
        progress(label, db.label() + " write-only", writeRate);

        // What users compare with: the hand-written Spring Batch job, same API, same database.
        SpringBatchJob job = new SpringBatchJob(db, pool);
        job.recreate();
        long t4 = System.nanoTime();
        long jobWritten = job.run(server.baseUrl(), DemoApi.TOKEN);
        double jobRate = jobWritten / seconds(t4);
        job.drop();
        if (jobWritten != n) {
          throw new IllegalStateException(db.label() + ": the Spring Batch job wrote " + jobWritten + " of " + n);
        }
        if (timed) {
          springBatch.computeIfAbsent(db, k -> new Samples()).add(jobRate);
        }
        progress(label, db.label() + " Spring Batch job", jobRate);

        Database.dropStore(pool, PREFIX);
        JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(DemoApi.PER_PAGE).build();
        store.migrate();
        // A TTL of 1 ms: the part-2 sync right after the backfill finds the data stale and runs a delta.
        SyncEngine engine = SyncEngine.builder(DemoApi.source(server.baseUrl()), store).resource(orders)
            .freshnessPolicy(FreshnessPolicy.builder().defaultTtl(Duration.ofMillis(1)).build()).build();
        ServerStats beforeSync = server.stats();
        long t2 = System.nanoTime();
        SyncResult result = engine.backfill(orders);
        double syncRate = result.fetched() / seconds(t2);
        backfillCost = server.stats().minus(beforeSync);
        progress(label, db.label() + " Syncline backfill", syncRate);
        long stored = store.count("orders");
        if (stored != n) {
          throw new IllegalStateException(db.label() + ": backfill stored " + stored + " of " + n + " orders");
        }
        if (timed) {
          write.computeIfAbsent(db, k -> new Samples()).add(writeRate);
          syncline.computeIfAbsent(db, k -> new Samples()).add(syncRate);
        }
        if (last) {
          lastEngines.put(db, engine);
          // Diagnostic, not a limit, last repetition only: the store writing the same pages, no HTTP.
          Database.dropStore(pool, STORE_ONLY);
          JdbcRecordStore alone = JdbcRecordStore.builder(pool).tablePrefix(STORE_ONLY)
              .batchSize(DemoApi.PER_PAGE).build();
          alone.migrate();
          long t3 = System.nanoTime();
          writePages(alone, orders, records);
          double storeRate = records.size() / seconds(t3);
          Database.dropStore(pool, STORE_ONLY);
          progress(label, db.label() + " JdbcRecordStore.write alone", storeRate);
          storeOnly.put(db, new Samples().add(storeRate));
        }
      }
      return (compileMillis() - compiled0) / Math.max(1.0, (System.nanoTime() - start) / 1e6);
    }
  }

  private static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  private static void writePages(JdbcRecordStore store, Resource resource, List<SourceRecord> records) {
    Instant now = Instant.now();
    SyncState state = SyncState.initial(resource.name());
    for (int i = 0; i < records.size(); i += DemoApi.PER_PAGE) {
      store.write(new PageWrite(resource, records.subList(i, Math.min(records.size(), i + DemoApi.PER_PAGE)),
          state, now));
    }
  }

  private static void progress(String label, String what, double rate) {
    System.err.printf(Locale.ROOT, "    %s: %s %,.0f rec/s%n", label, what, rate);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
