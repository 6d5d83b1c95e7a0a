package io.syncline.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.DataOrigin;
import io.syncline.LocalRead;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.http.Conventions;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.RateLimit;
import io.syncline.jdbc.JdbcRecordStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's quick start, line for line, against the demo API: if it compiles and passes, the README is true. */
class ReadmeQuickStartTest {

  @Test
  void theReadmeQuickStartSyncsAndReadsLocalFirst() {
    try (FieldServiceServer server = FieldServiceServer.builder().port(0).token("t0k3n").orders(700).build().start()) {
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:quickstart_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

      // ---- from README.md
      Resource orders = Resource.builder("orders")
          .cursorField("updated_at")
          .pageSize(500)
          .ttl(Duration.ofHours(2))
          .lookback(Duration.ofMinutes(5))
          .build();

      HttpRecordSource api = HttpRecordSource.builder(server.baseUrl().toString())
          .bearerToken("t0k3n")
          .rateLimit(RateLimit.perSecond(10))
          .endpoint("orders", Conventions.demoApi("/v1/orders").build())
          .build();

      JdbcRecordStore store = JdbcRecordStore.builder(dataSource).build();

      SyncEngine engine = SyncEngine.builder(api, store).resource(orders).build();

      SyncResult r = engine.sync(orders);
      LocalRead<Long> open = engine.readLocalFirst(orders, () -> countOrders(dataSource));
      // ---- end of README.md

      assertThat(r.mode()).isEqualTo(SyncMode.BACKFILL);
      assertThat(r.inserted()).isEqualTo(700);
      assertThat(open.origin()).isEqualTo(DataOrigin.LOCAL);
      assertThat(open.value()).isEqualTo(server.count(ApiResource.ORDERS));
      assertThat(api.toString()).doesNotContain("t0k3n");
    }
  }

  private static long countOrders(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sync_record WHERE resource = 'orders'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
