package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.WriteResult;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** What the JDBC store offers beyond the contract: its builder, typed reads, and safe messages. */
class JdbcRecordStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final String SECRET = "s3cr3t-Pa55word";
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();

  /** A record a user maps payloads to. */
  public record Order(String id, String status, int lines) {}

  private static JdbcRecordStore h2Store(int batchSize) {
    Jdbi jdbi = H2ContractTest.h2("jdbc:h2:mem:unit_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return JdbcRecordStore.builder(jdbi).tablePrefix("unit_").batchSize(batchSize).build();
  }

  private static SourceRecord order(int id, Instant updatedAt, String status) {
    return SourceRecord.of(Integer.toString(id), updatedAt,
        "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"lines\":" + id % 7 + "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"crm-", "1crm_", "crm_; DROP TABLE x", "crm prefix_", "préfixe_", "a\nb"})
  void tablePrefixesThatAreNotPlainIdentifiersAreRejected(String prefix) {
    assertThatThrownBy(() -> JdbcRecordStore.builder(H2ContractTest.h2("jdbc:h2:mem:x")).tablePrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid table prefix");
  }

  @Test
  void batchSizeOutsideItsRangeIsRejected() {
    JdbcRecordStore.Builder b = JdbcRecordStore.builder(H2ContractTest.h2("jdbc:h2:mem:x"));
    assertThatThrownBy(() -> b.batchSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.batchSize(10_001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tinyBatchesGiveTheSameCountsAndRows() {
    JdbcRecordStore store = h2Store(7);
    List<SourceRecord> page = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      page.add(order(i, T0.plusSeconds(i), "open"));
    }
    assertThat(store.write(new PageWrite(ORDERS, page, SyncState.initial("orders"), T0)))
        .isEqualTo(new WriteResult(100, 0, 0));
    page.set(49, order(50, T0.plusSeconds(1000), "closed"));
    assertThat(store.write(new PageWrite(ORDERS, page, SyncState.initial("orders"), T0)))
        .isEqualTo(new WriteResult(0, 1, 99));
    assertThat(store.count("orders")).isEqualTo(100);
  }

  @Test
  void payloadsReadAsJacksonTreesAndUserClasses() {
    JdbcRecordStore store = h2Store(500);
    store.write(new PageWrite(ORDERS, List.of(order(3, T0, "open"), order(12, T0, "done")),
        SyncState.initial("orders"), T0));

    JsonNode tree = store.findJson("orders", "3").orElseThrow();
    assertThat(tree.get("status").asText()).isEqualTo("open");
    assertThat(store.find("orders", "12", Order.class)).contains(new Order("12", "done", 5));
    assertThat(store.findJson("orders", "99")).isEmpty();
    try (Stream<Order> orders = store.stream("orders", Order.class)) {
      assertThat(orders).containsExactly(new Order("3", "open", 3), new Order("12", "done", 5));
    }
    try (Stream<JsonNode> trees = store.streamJson("orders")) {
      assertThat(trees.map(n -> n.get("id").asText())).containsExactly("3", "12");
    }
  }

  @Test
  void aPayloadThatDoesNotMapSaysWhichRecordAndClass() {
    JdbcRecordStore store = h2Store(500);
    store.write(new PageWrite(ORDERS, List.of(SourceRecord.of("1", T0, "{\"id\":\"1\",\"lines\":\"many\"}")),
        SyncState.initial("orders"), T0));

    assertThatThrownBy(() -> store.find("orders", "1", Order.class))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("orders").hasMessageContaining("Record 1").hasMessageContaining("Order");
  }

  @Test
  void streamingByUpdatedAtRangeIsHalfOpenAndSkipsRecordsWithoutTimestamp() {
    JdbcRecordStore store = h2Store(500);
    List<SourceRecord> page = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      page.add(order(i, T0.plusSeconds(i * 60L), "open"));
    }
    page.add(SourceRecord.withoutTimestamp("11", "{}"));
    store.write(new PageWrite(ORDERS, page, SyncState.initial("orders"), T0));

    try (Stream<StoredRecord> s = store.stream("orders", T0.plusSeconds(180), T0.plusSeconds(420))) {
      assertThat(s.map(StoredRecord::id)).containsExactly("3", "4", "5", "6");
    }
  }

  @Test
  void withoutMigrationOnFirstUseAMissingTableFailsNamingTheResourceAndTable() {
    Jdbi jdbi = H2ContractTest.h2("jdbc:h2:mem:nomig_" + UUID.randomUUID());
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).migrateOnFirstUse(false).build();

    assertThatThrownBy(() -> store.count("orders"))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("Resource 'orders'")
        .hasMessageContaining("sync_record");
  }

  @Test
  void toStringNamesDialectAndTablesButNoCredentials() {
    TestServer.POSTGRESQL.assumeReachable();
    PGSimpleDataSource ds = (PGSimpleDataSource) TestServer.POSTGRESQL.dataSource();
    ds.setPassword(SECRET);
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix("nosecret_").migrateOnFirstUse(false).build();

    assertThat(store.toString()).contains("POSTGRESQL", "nosecret_sync_record")
        .doesNotContain(SECRET).doesNotContain("postgres:").doesNotContain("jdbc:");
    assertThatThrownBy(() -> store.count("orders"))
        .isInstanceOf(JdbcStoreException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("orders").doesNotContain(SECRET).doesNotContain("jdbc:"));
  }

  @Test
  void failuresToConnectNeverRepeatTheCredentialsDriversEcho() {
    DataSource leaky = new EchoingDataSource(
        "Connection to jdbc:postgresql://admin:" + SECRET + "@db.example:5432/crm?user=admin&password=" + SECRET
            + " refused");

    assertThatThrownBy(() -> JdbcRecordStore.builder(leaky).build())
        .isInstanceOf(JdbcStoreException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("dialect").doesNotContain(SECRET));
    JdbcRecordStore store = JdbcRecordStore.builder(leaky).dialect(Dialect.POSTGRESQL).build();
    assertThat(store.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> store.state("orders"))
        .isInstanceOf(JdbcStoreException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET))
        .satisfies(e -> assertThat(stackTraceOf(e)).as("the causes printed with the stack trace")
            .doesNotContain(SECRET).contains("SQLException"));
  }

  @Test
  void credentialParametersWithPrefixesAreRedactedToo() {
    DataSource leaky = new EchoingDataSource("cannot open jdbc:postgresql://db/crm?sslpassword=" + SECRET
        + "&ssltoken=" + SECRET);
    JdbcRecordStore store = JdbcRecordStore.builder(leaky).dialect(Dialect.POSTGRESQL).build();

    assertThatThrownBy(() -> store.count("orders"))
        .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(SECRET).contains("sslpassword=***"));
  }

  private static String stackTraceOf(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** A DataSource that fails the way some drivers do: with the URL, credentials included, in the message. */
  private static final class EchoingDataSource implements DataSource {
    private final String message;

    EchoingDataSource(String message) {
      this.message = message;
    }

    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException(message);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLException(message);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
