package io.syncline.jdbc;

import io.syncline.spi.RecordStore;
import io.syncline.testing.SyncEngineScenarios;
import java.util.UUID;

/** Core's engine scenarios, unchanged, on the JDBC store over embedded H2. */
class H2SyncEngineTest extends SyncEngineScenarios {
  @Override
  protected RecordStore newStore() {
    JdbcRecordStore store = JdbcRecordStore.builder(
        H2ContractTest.h2("jdbc:h2:mem:engine_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).build();
    store.migrate();
    return store;
  }
}
