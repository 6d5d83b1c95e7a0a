package io.syncline;

import java.util.Objects;

/** Something that happened in a sync run, delivered to {@link SyncListener}s. */
public sealed interface SyncEvent permits SyncEvent.Started, SyncEvent.PageCommitted, SyncEvent.Finished, SyncEvent.Failed {

  /** @return the resource's name */
  String resource();

  /**
   * A run started.
   *
   * @param resource the resource's name
   * @param mode the run's mode
   * @param reason why it runs
   */
  record Started(String resource, SyncMode mode, String reason) implements SyncEvent {
    /** Validates the components. */
    public Started {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * A page was committed.
   *
   * @param progress where the run stands
   */
  record PageCommitted(Progress progress) implements SyncEvent {
    @Override
    public String resource() {
      return progress.resource();
    }
  }

  /**
   * A run completed.
   *
   * @param result what it did
   */
  record Finished(SyncResult result) implements SyncEvent {
    @Override
    public String resource() {
      return result.resource();
    }
  }

  /**
   * A run failed; committed data and the last checkpoint are intact.
   *
   * @param resource the resource's name
   * @param mode the run's mode
   * @param error the failure
   */
  record Failed(String resource, SyncMode mode, SyncException error) implements SyncEvent {}
}
