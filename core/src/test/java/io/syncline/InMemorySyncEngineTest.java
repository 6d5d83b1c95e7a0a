package io.syncline;

import io.syncline.spi.RecordStore;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.SyncEngineScenarios;

/** The engine scenarios on the in-memory store. */
class InMemorySyncEngineTest extends SyncEngineScenarios {
  @Override
  protected RecordStore newStore() {
    return new InMemoryRecordStore();
  }
}
