package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 5: records per second of {@link JdbcRecordStore#write} per dialect, for a mix of new,
 * changed and unchanged records, next to a raw JDBC batch upsert of the same mix.
 *
 * <p>Each repetition starts from fresh tables preloaded (untimed) with every even id in version 1,
 * then times the write of ids 1..n in pages of 500: odd ids are new (50 %), ids divisible by 4
 * come in version 2 (changed, 25 %), the other even ids come again in version 1 (unchanged, 25 %).
 * Every page is mixed. This is a whole-process harness, not JMH: one write of n records takes
 * seconds, far above timer resolution. Untimed warm-up repetitions ({@link Options#warmups()}, 3
 * by default) come first: the preload (new ids only) does not run the update and unchanged paths,
 * and the first timed mix of each dialect ran at a third to a half of the later ones.
 */
public final class UpsertBenchmark {
  private static final String PREFIX = "bench_up_";
  private static final String RAW = "bench_up_raw";
  private static final int PAGE = 500;

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
  public UpsertBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /**
   * Runs it on every database.
   *
   * @throws Exception on failure
   */
  public void run() throws Exception {
    int n = options.size(100_000, 4_000);
    List<SourceRecord> preload = new ArrayList<>();
    List<SourceRecord> mix = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      if (id % 2 == 0) {
        preload.add(OrderRecords.order(id, 1));
      }
      mix.add(OrderRecords.order(id, id % 4 == 0 ? 2 : 1));
    }
    Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(PAGE).build();
    for (Database db : Database.values()) {
      Optional<JdbcConnectionPool> opened = db.open(workDir, "upsert");
      if (opened.isEmpty()) {
        table.add("5 upsert", db.label(), "skipped", "not reachable");
        continue;
      }
      JdbcConnectionPool pool = opened.get();
      RawUpsert rawUpsert = new RawUpsert(db, RAW);
      try {
        Samples store = new Samples();
        Samples raw = new Samples();
        WriteResult last = WriteResult.EMPTY;
        for (int rep = 1 - options.warmups(); rep <= options.reps(); rep++) {
          Database.dropStore(pool, PREFIX);
          JdbcRecordStore s = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(PAGE).build();
          s.migrate();
          writePages(s, orders, preload);
          long t0 = System.nanoTime();
          last = writePages(s, orders, mix);
          double storeRate = n / ((System.nanoTime() - t0) / 1e9);

          rawUpsert.recreate(pool);
          rawUpsert.write(pool, "orders", preload, PAGE);
          long t1 = System.nanoTime();
          rawUpsert.write(pool, "orders", mix, PAGE);
          double rawRate = n / ((System.nanoTime() - t1) / 1e9);
          if (options.timed(rep)) {
            store.add(storeRate);
            raw.add(rawRate);
          }
          System.err.printf(Locale.ROOT, "    %s: %s store %,.0f rec/s, raw %,.0f rec/s%n", options.repLabel(rep), db.label(),
              storeRate, rawRate);
        }
        table.add("5 upsert", db.label() + ": JdbcRecordStore.write", ResultTable.rate(store.median()),
            String.format(Locale.ROOT, "%s; %,d records: %,d new, %,d changed, %,d unchanged; store / raw = %.2f",
                ResultTable.spread(store), n, last.inserted(), last.updated(), last.unchanged(),
                store.median() / raw.median()));
        table.add("5 upsert", db.label() + ": raw JDBC batch upsert", ResultTable.rate(raw.median()),
            ResultTable.spread(raw) + "; batch " + PAGE + ", one transaction per batch");
      } finally {
        Database.dropStore(pool, PREFIX);
        rawUpsert.drop(pool);
        pool.dispose();
      }
    }
  }

  private static WriteResult writePages(JdbcRecordStore store, Resource resource, List<SourceRecord> records) {
    WriteResult total = WriteResult.EMPTY;
    Instant now = Instant.now();
    SyncState state = SyncState.initial(resource.name());
    for (int i = 0; i < records.size(); i += PAGE) {
      List<SourceRecord> page = records.subList(i, Math.min(records.size(), i + PAGE));
      total = total.plus(store.write(new PageWrite(resource, page, state, now)));
    }
    return total;
  }
}
