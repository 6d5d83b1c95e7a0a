package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A page write that the database rejects with the record's payload in its error (a trigger that
 * raises it, as a validation trigger or an audit function might): the driver's exception carries
 * the payload, the store's exception, its message and its whole printed chain do not.
 */
class PayloadNeverInMessagesTest {
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final String SECRET_NAME = "Zed Secretname";
  private static final String SECRET_NOTE = "pay 4242 now";

  private static String rejectingTrigger(TestServer server, String table) {
    return rejectingTrigger(server, table, "id");
  }

  private static String rejectingTrigger(TestServer server, String table, String idColumn) {
    return switch (server) {
      case POSTGRESQL -> "CREATE FUNCTION " + table + "_reject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF NEW." + idColumn + " = '7' THEN RAISE EXCEPTION 'rejected %', NEW.payload; END IF; RETURN NEW; END $$;"
          + " CREATE TRIGGER " + table + "_reject BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
          + table + "_reject()";
      case MARIADB -> "CREATE TRIGGER " + table + "_reject BEFORE INSERT ON " + table + " FOR EACH ROW BEGIN"
          + " DECLARE m VARCHAR(128); IF NEW." + idColumn + " = '7' THEN SET m = LEFT(CONCAT('rejected ', NEW.payload), 128);"
          + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = m; END IF; END";
    };
  }

  @ParameterizedTest
  @EnumSource(TestServer.class)
  void theStoresExceptionCarriesNoPayloadWhateverTheDriverSays(TestServer server) {
    server.assumeReachable();
    Jdbi jdbi = server.jdbi();
    String prefix = "nopayload_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
    store.migrate();
    try {
      jdbi.useHandle(h -> h.execute(rejectingTrigger(server, store.recordTable())));
      String payload = "{\"id\":7,\"customer\":\"" + SECRET_NAME + "\",\"note\":\"" + SECRET_NOTE + "\"}";
      List<SourceRecord> records = List.of(SourceRecord.of("6", T0, "{\"id\":6}"), SourceRecord.of("7", T0, payload));
      PageWrite page = new PageWrite(ORDERS, records, SyncState.initial("orders").running(SyncMode.BACKFILL), T0,
          Optional.empty());

      // what the driver says, unredacted: the payload is in it (so this test can fail)
      String raw = jdbi.withHandle(h -> {
        try {
          h.createUpdate("INSERT INTO " + store.recordTable() + " (resource, id, id_sort, payload, fetched_at,"
              + " synced_at) VALUES ('orders', '7', '7', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
              .bind(0, payload).execute();
          return "";
        } catch (RuntimeException e) {
          return stackTrace(e);
        }
      });
      assertThat(raw).contains(SECRET_NAME);

      assertThatThrownBy(() -> store.write(page)).isInstanceOfSatisfying(JdbcStoreException.class, e -> {
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("orders", store.recordTable(), server.name(), "SQLSTATE")
            .doesNotContain(SECRET_NAME, "Secretname", "4242", "customer");
        assertThat(stackTrace(e)).doesNotContain(SECRET_NAME, "Secretname", "4242", "\"customer\"");
      });
      assertThat(store.count("orders")).isZero();
    } finally {
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + store.recordTable() + (server == TestServer.POSTGRESQL ? " CASCADE" : ""));
        h.execute("DROP TABLE IF EXISTS " + store.stateTable());
        h.execute("DROP TABLE IF EXISTS " + store.rejectedTable());
        if (server == TestServer.POSTGRESQL) {
          h.execute("DROP FUNCTION IF EXISTS " + store.recordTable() + "_reject()");
        }
      });
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.class)
  void aRejectedRecordsPayloadNeverReachesTheStoresException(TestServer server) {
    server.assumeReachable();
    Jdbi jdbi = server.jdbi();
    String prefix = "norejpayload_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
    store.migrate();
    try {
      jdbi.useHandle(h -> h.execute(rejectingTrigger(server, store.rejectedTable(), "record_id")));
      String payload = "{\"id\":7,\"customer\":\"" + SECRET_NAME + "\",\"note\":\"" + SECRET_NOTE + "\"}";
      PageWrite page = new PageWrite(ORDERS, List.of(SourceRecord.of("6", T0, "{\"id\":6}")),
          SyncState.initial("orders").running(SyncMode.BACKFILL), T0, Optional.empty(), List.of(),
          List.of(RejectedRecord.of("orders", 1, "updated_at", "unparsable timestamp", "7", payload)));

      assertThatThrownBy(() -> store.write(page)).isInstanceOfSatisfying(JdbcStoreException.class, e -> {
        assertThat(e.getMessage()).contains("orders", "rejected")
            .doesNotContain(SECRET_NAME, "Secretname", "4242", "customer");
        assertThat(stackTrace(e)).doesNotContain(SECRET_NAME, "Secretname", "4242", "\"customer\"");
      });
      assertThat(store.count("orders")).isZero();
      assertThat(store.countRejected("orders")).isZero();
    } finally {
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + store.recordTable());
        h.execute("DROP TABLE IF EXISTS " + store.stateTable());
        h.execute("DROP TABLE IF EXISTS " + store.rejectedTable() + (server == TestServer.POSTGRESQL ? " CASCADE" : ""));
        if (server == TestServer.POSTGRESQL) {
          h.execute("DROP FUNCTION IF EXISTS " + store.rejectedTable() + "_reject()");
        }
      });
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
