package io.syncline.testing;

import io.syncline.spi.RecordStore;

/** The in-memory store passes the same contract as the real stores. */
class InMemoryRecordStoreTest extends RecordStoreContract {

  @Override
  protected RecordStore newStore() {
    return new InMemoryRecordStore();
  }

  /** An in-memory store has no database shared with another instance: the same instance stands in. */
  @Override
  protected RecordStore anotherStoreOnSameDatabase(RecordStore store) {
    return store;
  }

  @Override
  protected void failNextWrite(RecordStore store) {
    ((InMemoryRecordStore) store).failNthWriteFromNow(1);
  }
}
