package io.syncline;

import io.syncline.spi.RecordStore;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.LeaseScenarios;

/** The lease and stop scenarios on the in-memory store. */
class InMemoryLeaseTest extends LeaseScenarios {
  @Override
  protected RecordStore newStore() {
    return new InMemoryRecordStore();
  }
}
