package io.syncline.jdbc;

import io.syncline.spi.RecordStore;
import io.syncline.testing.RecordStoreContract;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
      h.execute("DROP TABLE IF EXISTS " + first.rejectedTable());
    });
  }
}
