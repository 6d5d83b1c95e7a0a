package io.syncline.internal;

import io.syncline.SyncException;
import io.syncline.spi.PageRequest;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Function;

/**
 * Fetches and readies the pages of one listing pass in order. The first page is always fetched on
 * the caller's thread. With an executor, when more pages follow, one task on it fetches and
 * readies each later page, hands it over when the caller asks for it, and sends the next request
 * at once: the caller writes page N while page N + 1 is fetched, and neither the check of a page
 * nor a thread wake-up stands between one page's arrival and the next request. The task fetches
 * page N + 2 only once the caller took page N + 1, so at most two pages are in memory: the one
 * written, and the next one waiting or being fetched. Without an executor every page is fetched
 * on the caller's thread when it asks. Used by one run's thread only; not thread-safe.
 */
final class FetchAhead {

  private final String resource;
  private final Function<PageRequest, ReadyPage> fetcher;
  private final Optional<Executor> executor;
  private final SynchronousQueue<Object> handoff = new SynchronousQueue<>();
  private PageRequest pending;
  private FutureTask<Void> producer;
  private volatile boolean cancelled;

  /**
   * @param resource the resource's name, for messages
   * @param fetcher fetches and readies one page (runs on the executor's thread for later pages);
   *     the pass it feeds is only ever used by one thread at a time
   * @param executor where later pages are fetched ahead, empty to fetch on the caller's thread
   * @param first the pass's first request
   */
  FetchAhead(String resource, Function<PageRequest, ReadyPage> fetcher, Optional<Executor> executor,
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
   * The page of the {@linkplain #pending() pending} request: the one fetched ahead, waiting for
   * it, or fetched now. Once a page says more follow, the next one's fetch is under way (with an
   * executor) when this returns.
   *
   * @return the page, ready to write
   */
  ReadyPage next() {
    ReadyPage page = producer == null ? fetcher.apply(pending) : take();
    if (!page.step().last()) {
      pending = page.step().next().get();
      if (producer == null && executor.isPresent()) {
        PageRequest from = pending;
        producer = new FutureTask<>(() -> produce(from), null);
        executor.get().execute(producer);
      }
    }
    return page;
  }

  /** Cancels (interrupts) the task fetching ahead, when the pass ends early. */
  void cancel() {
    cancelled = true;
    if (producer != null) {
      producer.cancel(true);
    }
  }

  private ReadyPage take() {
    Object o;
    try {
      o = handoff.take();
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new SyncException(resource, pending.pageNumber(), "interrupted while fetching; committed "
          + "pages are kept, run the sync again to continue", e);
    }
    if (o instanceof Failure f) {
      if (f.cause() instanceof Error err) {
        throw err;
      }
      throw (RuntimeException) f.cause();
    }
    return (ReadyPage) o;
  }

  /** The task: fetches from a request to the pass's last page, one page ahead of the caller. */
  private void produce(PageRequest from) {
    PageRequest req = from;
    try {
      while (true) {
        Object handed;
        try {
          handed = fetcher.apply(req);
        } catch (RuntimeException | Error e) {
          handed = new Failure(e);
        }
        if (cancelled) {
          return;
        }
        handoff.put(handed);
        if (!(handed instanceof ReadyPage page) || page.step().last()) {
          return;
        }
        req = page.step().next().get();
      }
    } catch (InterruptedException e) {
      // Cancelled while waiting for the caller: the pass ended.
    }
  }

  /** A fetch that failed, handed over in its page's place: a RuntimeException or an Error. */
  private record Failure(Throwable cause) {}
}
