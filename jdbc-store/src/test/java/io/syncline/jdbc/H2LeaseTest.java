package io.syncline.jdbc;

import io.syncline.spi.RecordStore;
import io.syncline.testing.LeaseScenarios;
import java.util.UUID;

/** Core's lease and stop scenarios, unchanged, on the JDBC store over embedded H2. */
class H2LeaseTest extends LeaseScenarios {
  @Override
  protected RecordStore newStore() {
    JdbcRecordStore store = JdbcRecordStore.builder(
        H2ContractTest.h2("jdbc:h2:mem:lease_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).build();
    store.migrate();
    return store;
  }
}
