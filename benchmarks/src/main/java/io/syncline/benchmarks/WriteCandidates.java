package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.jdbc.internal.IdSortKey;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.PGConnection;

/**
 * Part 7: the set-based page-write candidates of issue 11, each written here in plain JDBC against
 * the store's own version-2 table, on the mixed pages of part 5 (every even id preloaded; then ids
 * 1..n: 50 % new, 25 % changed, 25 % unchanged), one transaction per page of 500, every candidate
 * keeping the same guarantees (guarded replacement, exact counts, {@code fetched_at} of unchanged
 * rows moved). Counts are checked against the expected mix. The state row is left out: it is the
 * same for all. The store's choice per dialect is the first candidate.
 */
public final class WriteCandidates {
  private static final String PREFIX = "bench_wc_";
  private static final int PAGE = 500;

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * @param options the run's options
   * @param workDir where embedded databases live
   * @param table where results go
   */
  public WriteCandidates(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /** One way to write a batch of distinct ids sorted by id, returning exact counts. */
  interface Candidate {
    String name();

    WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException;
  }

  /**
   * Runs every candidate on H2, PostgreSQL and MariaDB.
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
    WriteResult expected = new WriteResult(n - n / 2, n / 4, n / 2 - n / 4);
    Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(PAGE).build();
    for (Database db : List.of(Database.H2, Database.POSTGRESQL, Database.MARIADB)) {
      Optional<JdbcConnectionPool> opened = db.open(workDir, "candidates");
      if (opened.isEmpty()) {
        table.add("7 candidates", db.label(), "skipped", "not reachable");
        continue;
      }
      JdbcConnectionPool pool = opened.get();
      try {
        for (Candidate candidate : candidates(db)) {
          Samples rates = new Samples();
          for (int rep = 1; rep <= options.reps(); rep++) {
            Database.dropStore(pool, PREFIX);
            JdbcRecordStore s = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(PAGE).build();
            s.migrate();
            Instant now = Instant.now();
            for (int i = 0; i < preload.size(); i += PAGE) {
              s.write(new PageWrite(orders, preload.subList(i, Math.min(preload.size(), i + PAGE)),
                  SyncState.initial("orders"), now));
            }
            long t0 = System.nanoTime();
            WriteResult got = writeAll(pool, candidate, s.recordTable(), mix, now.plusSeconds(1));
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            if (!got.equals(expected)) {
              throw new IllegalStateException(db.label() + " " + candidate.name() + ": counts " + got
                  + ", expected " + expected);
            }
            rates.add(rate);
            System.err.printf(Locale.ROOT, "    rep %d: %s %s %,.0f rec/s%n", rep, db.label(), candidate.name(), rate);
          }
          table.add("7 candidates", db.label() + ": " + candidate.name(), ResultTable.rate(rates.median()),
              ResultTable.spread(rates) + "; counts checked");
        }
      } finally {
        Database.dropStore(pool, PREFIX);
        pool.dispose();
      }
    }
  }

  private static WriteResult writeAll(JdbcConnectionPool pool, Candidate candidate, String t,
      List<SourceRecord> records, Instant at) throws SQLException {
    WriteResult total = WriteResult.EMPTY;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < records.size(); i += PAGE) {
        List<SourceRecord> batch = new ArrayList<>(records.subList(i, Math.min(records.size(), i + PAGE)));
        batch.sort(Comparator.comparing(SourceRecord::id));
        total = total.plus(candidate.write(c, t, batch, at));
        c.commit();
      }
      c.setAutoCommit(true);
    }
    return total;
  }

  private static List<Candidate> candidates(Database db) {
    return switch (db) {
      case POSTGRESQL -> List.of(PG_UNNEST, PG_COPY);
      case H2 -> List.of(H2_ARRAYS, H2_ROWS);
      case MARIADB -> List.of(MARIA_BATCH, MARIA_MULTIROW);
      default -> List.of();
    };
  }

  private static final String PG_REPLACES = "(r.updated_at IS NULL OR excluded.updated_at IS NULL"
      + " OR r.updated_at <= excluded.updated_at) AND (r.updated_at IS DISTINCT FROM excluded.updated_at"
      + " OR CAST(r.payload AS text) <> CAST(excluded.payload AS text))";

  private static final Candidate PG_UNNEST = new Candidate() {
    public String name() {
      return "INSERT … SELECT FROM unnest(arrays) ON CONFLICT … WHERE … RETURNING (xmax = 0) [store's choice]";
    }

    public WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException {
      int n = batch.size();
      String[] ids = new String[n];
      String[] sorts = new String[n];
      String[] payloads = new String[n];
      String[] updated = new String[n];
      for (int i = 0; i < n; i++) {
        SourceRecord r = batch.get(i);
        ids[i] = r.id();
        sorts[i] = IdSortKey.of(r.id());
        payloads[i] = r.json();
        updated[i] = r.updatedAt().map(Instant::toString).orElse(null);
      }
      String sql = "INSERT INTO " + t + " AS r (resource, id, id_sort, payload, updated_at, fetched_at, synced_at)"
          + " SELECT 'orders', s.id, s.id_sort, CAST(s.payload AS json), s.updated_at, ?, ?"
          + " FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS s (id, id_sort, payload, updated_at)"
          + " ON CONFLICT (resource, id_sort, id) DO UPDATE SET payload = excluded.payload,"
          + " updated_at = excluded.updated_at, fetched_at = excluded.fetched_at, synced_at = excluded.synced_at"
          + " WHERE " + PG_REPLACES + " RETURNING r.id, (r.xmax = 0)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        OffsetDateTime ts = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        ps.setObject(1, ts);
        ps.setObject(2, ts);
        ps.setArray(3, c.createArrayOf("text", ids));
        ps.setArray(4, c.createArrayOf("text", sorts));
        ps.setArray(5, c.createArrayOf("text", payloads));
        ps.setArray(6, c.createArrayOf("text", updated));
        return pgFinish(c, t, ps, ids, sorts, at);
      }
    }
  };

  private static WriteResult pgFinish(Connection c, String t, PreparedStatement upsert, String[] ids, String[] sorts,
      Instant at) throws SQLException {
    Set<String> written = new HashSet<>();
    long inserted = 0;
    try (ResultSet rs = upsert.executeQuery()) {
      while (rs.next()) {
        written.add(rs.getString(1));
        if (rs.getBoolean(2)) {
          inserted++;
        }
      }
    }
    List<String> restIds = new ArrayList<>();
    List<String> restSorts = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (!written.contains(ids[i])) {
        restIds.add(ids[i]);
        restSorts.add(sorts[i]);
      }
    }
    if (!restIds.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " r SET fetched_at = ? FROM unnest(?::text[],"
          + " ?::text[]) AS s (id_sort, id) WHERE r.resource = 'orders' AND r.id_sort = s.id_sort AND r.id = s.id")) {
        ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setArray(2, c.createArrayOf("text", restSorts.toArray()));
        ps.setArray(3, c.createArrayOf("text", restIds.toArray()));
        ps.executeUpdate();
      }
    }
    return new WriteResult(inserted, written.size() - inserted, ids.length - written.size());
  }

  private static final Candidate PG_COPY = new Candidate() {
    public String name() {
      return "COPY into a temporary staging table + one INSERT … SELECT ON CONFLICT … RETURNING";
    }

    public WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_wc_stage (id text, id_sort text, payload text,"
            + " updated_at timestamptz) ON COMMIT DELETE ROWS");
      }
      StringBuilder csv = new StringBuilder();
      String[] ids = new String[batch.size()];
      String[] sorts = new String[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        SourceRecord r = batch.get(i);
        ids[i] = r.id();
        sorts[i] = IdSortKey.of(r.id());
        csv.append(quote(r.id())).append(',').append(quote(sorts[i])).append(',').append(quote(r.json())).append(',')
            .append(r.updatedAt().map(Instant::toString).orElse("")).append('\n');
      }
      try {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_wc_stage FROM STDIN (FORMAT csv)",
            new StringReader(csv.toString()));
      } catch (java.io.IOException e) {
        throw new SQLException(e);
      }
      String sql = "INSERT INTO " + t + " AS r (resource, id, id_sort, payload, updated_at, fetched_at, synced_at)"
          + " SELECT 'orders', s.id, s.id_sort, CAST(s.payload AS json), s.updated_at, ?, ? FROM bench_wc_stage s"
          + " ORDER BY s.id ON CONFLICT (resource, id_sort, id) DO UPDATE SET payload = excluded.payload,"
          + " updated_at = excluded.updated_at, fetched_at = excluded.fetched_at, synced_at = excluded.synced_at"
          + " WHERE " + PG_REPLACES + " RETURNING r.id, (r.xmax = 0)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        OffsetDateTime ts = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        ps.setObject(1, ts);
        ps.setObject(2, ts);
        return pgFinish(c, t, ps, ids, sorts, at);
      }
    }
  };

  private static String quote(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static final String H2_REPLACES = "(r.updated_at IS NULL OR s.updated_at IS NULL OR r.updated_at <= s.updated_at)"
      + " AND (r.updated_at IS DISTINCT FROM s.updated_at OR r.payload <> s.payload)";

  private static final Candidate H2_ARRAYS = new Candidate() {
    public String name() {
      return "MERGE … USING TABLE(arrays) WHEN MATCHED AND … + INSERT … WHERE NOT EXISTS [store's choice]";
    }

    public WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException {
      int n = batch.size();
      Object[] ids = new Object[n];
      Object[] sorts = new Object[n];
      Object[] payloads = new Object[n];
      Object[] updated = new Object[n];
      for (int i = 0; i < n; i++) {
        SourceRecord r = batch.get(i);
        ids[i] = r.id();
        sorts[i] = IdSortKey.of(r.id());
        payloads[i] = r.json();
        updated[i] = r.updatedAt().map(u -> OffsetDateTime.ofInstant(u, ZoneOffset.UTC)).orElse(null);
      }
      String source = "TABLE(id VARCHAR = ?, id_sort VARCHAR = ?, payload CHARACTER VARYING = ?,"
          + " updated_at TIMESTAMP(6) WITH TIME ZONE = ?) s";
      OffsetDateTime ts = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
      int updatedRows;
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + t + " r USING " + source
          + " ON r.resource = 'orders' AND r.id_sort = s.id_sort AND r.id = s.id WHEN MATCHED AND " + H2_REPLACES
          + " THEN UPDATE SET payload = s.payload, updated_at = s.updated_at, fetched_at = ?, synced_at = ?")) {
        ps.setObject(1, ids);
        ps.setObject(2, sorts);
        ps.setObject(3, payloads);
        ps.setObject(4, updated);
        ps.setObject(5, ts);
        ps.setObject(6, ts);
        updatedRows = ps.executeUpdate();
      }
      int insertedRows;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t
          + " (resource, id, id_sort, payload, updated_at, fetched_at, synced_at) SELECT 'orders', s.id, s.id_sort,"
          + " s.payload, s.updated_at, ?, ? FROM " + source + " WHERE NOT EXISTS (SELECT 1 FROM " + t
          + " r WHERE r.resource = 'orders' AND r.id_sort = s.id_sort AND r.id = s.id)")) {
        ps.setObject(1, ts);
        ps.setObject(2, ts);
        ps.setObject(3, ids);
        ps.setObject(4, sorts);
        ps.setObject(5, payloads);
        ps.setObject(6, updated);
        insertedRows = ps.executeUpdate();
      }
      if (updatedRows + insertedRows < n) {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + t + " r USING TABLE(id VARCHAR = ?,"
            + " id_sort VARCHAR = ?) s ON r.resource = 'orders' AND r.id_sort = s.id_sort AND r.id = s.id"
            + " WHEN MATCHED AND r.fetched_at <> ? THEN UPDATE SET fetched_at = ?")) {
          ps.setObject(1, ids);
          ps.setObject(2, sorts);
          ps.setObject(3, ts);
          ps.setObject(4, ts);
          ps.executeUpdate();
        }
      }
      return new WriteResult(insertedRows, updatedRows, n - insertedRows - updatedRows);
    }
  };

  private static final Candidate H2_ROWS = new Candidate() {
    public String name() {
      return "JDBC batches of one-row MERGE (insert if missing), guarded UPDATE, fetched_at UPDATE (per-row counts)";
    }

    public WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException {
      OffsetDateTime ts = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
      List<SourceRecord> existing = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + t + " r USING (VALUES (CAST(? AS VARCHAR),"
          + " CAST(? AS VARCHAR), CAST(? AS CHARACTER VARYING), CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) s (id, id_sort,"
          + " payload, updated_at) ON r.resource = 'orders' AND r.id_sort = s.id_sort AND r.id = s.id WHEN NOT MATCHED"
          + " THEN INSERT (resource, id, id_sort, payload, updated_at, fetched_at, synced_at) VALUES ('orders', s.id,"
          + " s.id_sort, s.payload, s.updated_at, ?, ?)")) {
        for (SourceRecord r : batch) {
          ps.setString(1, r.id());
          ps.setString(2, IdSortKey.of(r.id()));
          ps.setString(3, r.json());
          ps.setObject(4, r.updatedAt().map(u -> OffsetDateTime.ofInstant(u, ZoneOffset.UTC)).orElse(null));
          ps.setObject(5, ts);
          ps.setObject(6, ts);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) {
            existing.add(batch.get(i));
          }
        }
      }
      List<SourceRecord> same = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " r SET payload = ?, updated_at = ?,"
          + " fetched_at = ?, synced_at = ? WHERE resource = 'orders' AND id_sort = ? AND id = ? AND"
          + " (updated_at IS NULL OR CAST(? AS TIMESTAMP(6) WITH TIME ZONE) IS NULL OR updated_at <= ?)"
          + " AND (updated_at IS DISTINCT FROM ? OR payload <> ?)")) {
        for (SourceRecord r : existing) {
          OffsetDateTime u = r.updatedAt().map(x -> OffsetDateTime.ofInstant(x, ZoneOffset.UTC)).orElse(null);
          ps.setString(1, r.json());
          ps.setObject(2, u);
          ps.setObject(3, ts);
          ps.setObject(4, ts);
          ps.setString(5, IdSortKey.of(r.id()));
          ps.setString(6, r.id());
          ps.setObject(7, u);
          ps.setObject(8, u);
          ps.setObject(9, u);
          ps.setString(10, r.json());
          ps.addBatch();
        }
        int[] counts = existing.isEmpty() ? new int[0] : ps.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) {
            same.add(existing.get(i));
          }
        }
      }
      if (!same.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET fetched_at = ? WHERE resource = 'orders'"
            + " AND id_sort = ? AND id = ?")) {
          for (SourceRecord r : same) {
            ps.setObject(1, ts);
            ps.setString(2, IdSortKey.of(r.id()));
            ps.setString(3, r.id());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return new WriteResult(batch.size() - existing.size(), existing.size() - same.size(), same.size());
    }
  };

  private static String mariaUpdateClause() {
    String replaces = "(updated_at IS NULL OR VALUES(updated_at) IS NULL OR updated_at <= VALUES(updated_at))"
        + " AND (NOT (updated_at <=> VALUES(updated_at)) OR payload <> VALUES(payload)"
        + " OR CHAR_LENGTH(payload) <> CHAR_LENGTH(VALUES(payload)))";
    return " ON DUPLICATE KEY UPDATE"
        + " fetched_at = IF((@syncline_seen := @syncline_seen + 1) > 0, VALUES(fetched_at), fetched_at),"
        + " synced_at = IF(@syncline_replace := (" + replaces + "), VALUES(synced_at), synced_at),"
        + " payload = IF((@syncline_replaced := @syncline_replaced + @syncline_replace) >= 0"
        + " AND @syncline_replace, VALUES(payload), payload),"
        + " updated_at = IF(@syncline_replace, VALUES(updated_at), updated_at)";
  }

  private static WriteResult mariaCounts(Connection c, int n) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @syncline_seen, @syncline_replaced,"
        + " @syncline_seen := 0, @syncline_replaced := 0")) {
      rs.next();
      long seen = rs.getLong(1);
      long replaced = rs.getLong(2);
      return new WriteResult(n - seen, replaced, seen - replaced);
    }
  }

  private static void mariaReset(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET @syncline_seen = 0, @syncline_replaced = 0, @syncline_replace = 0");
    }
  }

  private static final String MARIA_COLUMNS = " (resource, id, id_sort, payload, updated_at, fetched_at, synced_at)";

  private static final Candidate MARIA_BATCH = new Candidate() {
    public String name() {
      return "JDBC batch (bulk) of INSERT … ON DUPLICATE KEY UPDATE IF(…) + counters [store's choice]";
    }

    public WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException {
      mariaReset(c);
      LocalDateTime ts = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + MARIA_COLUMNS
          + " VALUES ('orders', ?, ?, ?, ?, ?, ?)" + mariaUpdateClause())) {
        for (SourceRecord r : batch) {
          ps.setString(1, r.id());
          ps.setString(2, IdSortKey.of(r.id()));
          ps.setString(3, r.json());
          ps.setObject(4, r.updatedAt().map(u -> LocalDateTime.ofInstant(u, ZoneOffset.UTC)).orElse(null));
          ps.setObject(5, ts);
          ps.setObject(6, ts);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return mariaCounts(c, batch.size());
    }
  };

  private static final Candidate MARIA_MULTIROW = new Candidate() {
    public String name() {
      return "one multi-row INSERT … VALUES (…), (…) … ON DUPLICATE KEY UPDATE IF(…) + counters";
    }

    public WriteResult write(Connection c, String t, List<SourceRecord> batch, Instant at) throws SQLException {
      mariaReset(c);
      LocalDateTime ts = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
      StringBuilder sql = new StringBuilder("INSERT INTO " + t + MARIA_COLUMNS + " VALUES ");
      for (int i = 0; i < batch.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("('orders', ?, ?, ?, ?, ?, ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql + mariaUpdateClause())) {
        int k = 1;
        for (SourceRecord r : batch) {
          ps.setString(k++, r.id());
          ps.setString(k++, IdSortKey.of(r.id()));
          ps.setString(k++, r.json());
          ps.setObject(k++, r.updatedAt().map(u -> LocalDateTime.ofInstant(u, ZoneOffset.UTC)).orElse(null));
          ps.setObject(k++, ts);
          ps.setObject(k++, ts);
        }
        ps.executeUpdate();
      }
      return mariaCounts(c, batch.size());
    }
  };
}
