package io.syncline.internal;

import io.syncline.SyncException;
import io.syncline.spi.PageRequest;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Fetches the pages of one listing pass in order. With an executor, the next page is fetched on
 * it as soon as it is {@linkplain #request requested}, while the caller writes the current one (at
 * most one fetch in flight, so at most two pages in memory); without one, every page is fetched
 * on the caller's thread when it asks for it. The first page is always fetched on the caller's
 * thread. Used by one run's thread only; not thread-safe.
 */
final class FetchAhead {

  private final String resource;
  private final Function<PageRequest, FetchedPage> fetcher;
  private final Optional<Executor> executor;
  private PageRequest pending;
  private FutureTask<FetchedPage> ahead;

  /**
   * @param resource the resource's name, for messages
   * @param fetcher fetches one page (may run on the executor's thread)
   * @param executor where the next page is fetched ahead, empty to fetch on the caller's thread
   * @param first the pass's first request
   */
  FetchAhead(String resource, Function<PageRequest, FetchedPage> fetcher, Optional<Executor> executor,
      PageRequest first) {
    this.resource = resource;
    this.fetcher = fetcher;
    this.executor = executor;
    this.pending = first;
  }

  /** @return the request {@link #next()} answers */
  PageRequest pending() {
    return pending;
  }

  /**
   * Sets the request of the next page and, with an executor, starts fetching it.
   *
   * @param next the request
   */
  void request(PageRequest next) {
    pending = next;
    if (executor.isPresent()) {
      FutureTask<FetchedPage> task = new FutureTask<>(() -> fetcher.apply(next));
      executor.get().execute(task);
      ahead = task;
    }
  }

  /**
   * The page of the {@linkplain #pending() pending} request: the one fetched ahead, waiting for
   * it, or fetched now.
   *
   * @return the page
   */
  FetchedPage next() {
    PageRequest req = pending;
    FutureTask<FetchedPage> f = ahead;
    if (f == null) {
      return fetcher.apply(req);
    }
    ahead = null;
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new SyncException(resource, req.pageNumber(), "interrupted while fetching; committed "
          + "pages are kept, run the sync again to continue", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new SyncException(resource, req.pageNumber(), String.valueOf(cause), cause);
    }
  }

  /** Cancels (interrupts) a fetch still in flight, when the pass ends early. */
  void cancel() {
    if (ahead != null) {
      ahead.cancel(true);
      ahead = null;
    }
  }
}
