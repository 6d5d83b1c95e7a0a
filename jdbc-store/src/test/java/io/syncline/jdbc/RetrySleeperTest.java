package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The store waits between retries on the sleeper it was given, never on the thread itself. */
class RetrySleeperTest {

  @Test
  void aMigrationThatKeepsFailingWaitsOnTheInjectedSleeperBetweenAttempts() {
    Jdbi jdbi = H2ContractTest.h2("jdbc:h2:mem:sleeper_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    // A state table without its records table: the database claims version 1, and step 2 fails.
    jdbi.useHandle(h -> h.execute("CREATE TABLE slp_sync_state (resource VARCHAR(63) PRIMARY KEY,"
        + " schema_version INT NOT NULL)"));
    List<Duration> waits = new CopyOnWriteArrayList<>();
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix("slp_").sleeper(waits::add).build();

    assertThatThrownBy(store::migrate).isInstanceOf(JdbcStoreException.class).hasMessageContaining("slp_sync_record");
    assertThat(waits).hasSize(4).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(5), Duration.ofMillis(125)));
  }
}
