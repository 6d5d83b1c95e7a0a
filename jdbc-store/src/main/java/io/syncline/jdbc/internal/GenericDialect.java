package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Any other JDBC database, standard SQL only: the guarded update first, then {@code fetched_at},
 * then a plain insert of the ids no update found ({@link RowWrites}); a writer racing on a new id
 * fails that page with a duplicate key, and the page is written again. Migrations run only when
 * the tables are missing (no {@code IF NOT EXISTS}).
 */
final class GenericDialect extends SqlDialect {
  private final RowWrites rows;
  private final RowWrites.Positional insert;

  GenericDialect(String prefix) {
    super(Dialect.GENERIC, prefix);
    this.rows = new RowWrites(this);
    this.insert = rows.statement("INSERT INTO " + recordTable() + " (" + COLUMNS + ") " + RowWrites.values(":payload"));
  }

  @Override
  protected String distinct(String a, String b) {
    // IS DISTINCT FROM is SQL:1999 but not everywhere; spelled out.
    return "((" + a + " IS NULL AND " + b + " IS NOT NULL) OR (" + a + " IS NOT NULL AND " + b + " IS NULL) OR "
        + a + " <> " + b + ")";
  }

  @Override
  public WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at) {
    return rows.updateFirst(tx, resource, batch, at, insert);
  }

  @Override
  public String insertStateIfMissing() {
    return null;
  }
}
