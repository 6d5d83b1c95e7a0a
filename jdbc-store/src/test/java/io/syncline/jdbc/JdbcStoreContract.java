package io.syncline.jdbc;

import io.syncline.Cursor;
import io.syncline.SyncState;
import io.syncline.Traffic;
import io.syncline.Validator;
import io.syncline.jdbc.internal.Migrations;
import io.syncline.jdbc.internal.Schema;
import io.syncline.spi.RecordStore;
import io.syncline.testing.RecordStoreContract;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the store contract on one database: each test gets its own table prefix (so test classes
 * and parallel runs never collide) and its tables are dropped afterwards. A failure is injected
 * by a Jdbi statement customizer that throws when the page's state row is written, after all of
 * the page's record batches ran inside the transaction.
 */
abstract class JdbcStoreContract extends RecordStoreContract {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<JdbcRecordStore> created = new ArrayList<>();
  private final AtomicBoolean failStateWrite = new AtomicBoolean();
  private String prefix;

  /** @return a new, independent Jdbi on the database under test (its own DataSource) */
  protected abstract Jdbi newJdbi();

  /** @return a short tag for this class's table prefixes, e.g. {@code "h2"} */
  protected abstract String tag();

  /** @return the dialect to force, or null to detect it */
  protected Dialect forcedDialect() {
    return null;
  }

  private JdbcRecordStore build(Jdbi jdbi) {
    JdbcRecordStore.Builder b = JdbcRecordStore.builder(jdbi).tablePrefix(prefix);
    if (forcedDialect() != null) {
      b.dialect(forcedDialect());
    }
    JdbcRecordStore s = b.build();
    created.add(s);
    return s;
  }

  @Override
  protected RecordStore newStore() {
    prefix = "sl" + tag() + "_" + ProcessHandle.current().pid() % 100_000 + "_" + COUNTER.incrementAndGet() + "_";
    Jdbi jdbi = newJdbi();
    jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
      @Override
      public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
        String sql = ctx.getRawSql().toLowerCase(Locale.ROOT);
        if (sql.startsWith("update") && sql.contains("sync_state set last_mode")
            && failStateWrite.compareAndSet(true, false)) {
          throw new SQLException("injected failure while writing the state row");
        }
      }
    });
    JdbcRecordStore s = build(jdbi);
    s.migrate();
    return s;
  }

  @Override
  protected RecordStore anotherStoreOnSameDatabase(RecordStore store) {
    return build(newJdbi());
  }

  @Override
  protected void failNextWrite(RecordStore store) {
    failStateWrite.set(true);
  }

  @AfterEach
  void dropTables() {
    if (created.isEmpty()) {
      return;
    }
    JdbcRecordStore first = created.get(0);
    newJdbi().useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS " + first.recordTable());
      h.execute("DROP TABLE IF EXISTS " + first.stateTable());
      h.execute("DROP TABLE IF EXISTS " + first.tablePrefix() + "sync_schema");
    });
  }

  @org.junit.jupiter.api.Test
  void aVersionOneSchemaIsUpgradedInPlaceKeepingItsStates() {
    newStore();
    JdbcRecordStore fresh = created.get(created.size() - 1);
    String v1Prefix = prefix + "v1_";
    Schema base = Schema.load(fresh.dialect(), v1Prefix);
    Jdbi jdbi = newJdbi();
    jdbi.useHandle(h -> {
      base.statements().forEach(h::execute);
      h.execute("INSERT INTO " + v1Prefix + "sync_state (resource, last_mode, status, last_id, schema_version)"
          + " VALUES ('technicians', 'INCREMENTAL', 'SUCCEEDED', '42', 1)");
    });
    JdbcRecordStore.Builder b = JdbcRecordStore.builder(jdbi).tablePrefix(v1Prefix);
    if (forcedDialect() != null) {
      b.dialect(forcedDialect());
    }
    JdbcRecordStore upgraded = b.build();
    created.add(upgraded);
    try {
      upgraded.migrate();
      upgraded.migrate();
      // A state table dropped and created again at version 1 while the history says 2 (an older
      // release, or a hand) still gets the step's columns.
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE " + v1Prefix + "sync_state");
        base.statements().stream().filter(st -> st.contains("sync_state (")).forEach(h::execute);
        h.execute("INSERT INTO " + v1Prefix + "sync_state (resource, last_mode, status, last_id, schema_version)"
            + " VALUES ('technicians', 'INCREMENTAL', 'SUCCEEDED', '42', 1)");
      });
      JdbcRecordStore.Builder again = JdbcRecordStore.builder(jdbi).tablePrefix(v1Prefix);
      if (forcedDialect() != null) {
        again.dialect(forcedDialect());
      }
      again.build().migrate();

      SyncState before = upgraded.state("technicians").orElseThrow();
      org.assertj.core.api.Assertions.assertThat(before.cursor()).contains(new Cursor.IdOnly("42"));
      org.assertj.core.api.Assertions.assertThat(before.validator()).isEmpty();
      org.assertj.core.api.Assertions.assertThat(before.lastTraffic()).isEqualTo(Traffic.NONE);
      SyncState after = before.withValidator(Optional.of(new Validator(Validator.Kind.ETAG, "\"v2\"", "key")))
          .withLastTraffic(new Traffic(3, 1, 100, 900));
      upgraded.saveState(after);
      org.assertj.core.api.Assertions.assertThat(upgraded.state("technicians")).contains(after);
      List<Integer> versions = jdbi.withHandle(h -> h.createQuery("SELECT version FROM " + v1Prefix
          + "sync_schema ORDER BY version").mapTo(Integer.class).list());
      org.assertj.core.api.Assertions.assertThat(versions).containsExactlyElementsOf(
          Migrations.STEPS.stream().map(Migrations.Step::version).toList());
    } finally {
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + v1Prefix + "sync_record");
        h.execute("DROP TABLE IF EXISTS " + v1Prefix + "sync_state");
        h.execute("DROP TABLE IF EXISTS " + v1Prefix + "sync_schema");
      });
      created.remove(upgraded);
    }
  }
}
