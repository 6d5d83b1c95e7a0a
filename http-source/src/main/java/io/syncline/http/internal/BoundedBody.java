package io.syncline.http.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;

/**
 * Collects a response body into one byte array, but cancels the download and fails once it grows
 * beyond a limit, so one misbehaving response cannot hold unbounded memory, or once its request's
 * deadline passes before the body is complete, so a body that stalls cannot hold its thread.
 * The HTTP client calls it serially; the deadline fires on {@link BodyDeadlines}' thread, so the
 * methods that end the body are synchronized. Not API.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body grew beyond the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("response body larger than " + limit + " bytes");
    }
  }

  private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
  private final long limit;
  private final long deadlineNanos;
  private final Duration timeout;
  private Flow.Subscription subscription;
  private ScheduledFuture<?> expiry;
  private long received;
  private boolean ended;

  /**
   * Creates the subscriber for one response.
   *
   * @param limit the most bytes collected
   * @param deadlineNanos when the whole body must have arrived, in {@link System#nanoTime()}'s terms
   * @param timeout the request's timeout, for the message
   */
  BoundedBody(long limit, long deadlineNanos, Duration timeout) {
    this.limit = limit;
    this.deadlineNanos = deadlineNanos;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return bytes.getBody();
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    bytes.onSubscribe(s);
    expiry = BodyDeadlines.after(Duration.ofNanos(deadlineNanos - System.nanoTime()), this::expire);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> item) {
    if (ended) {
      return;
    }
    for (ByteBuffer b : item) {
      received += b.remaining();
    }
    if (received > limit) {
      fail(new TooLarge(limit));
      return;
    }
    bytes.onNext(item);
  }

  @Override
  public synchronized void onError(Throwable t) {
    if (end()) {
      bytes.onError(t);
    }
  }

  @Override
  public synchronized void onComplete() {
    if (end()) {
      bytes.onComplete();
    }
  }

  private synchronized void expire() {
    if (!ended) {
      fail(new HttpTimeoutException("no complete response within " + timeout));
    }
  }

  private void fail(IOException e) {
    end();
    subscription.cancel();
    bytes.onError(e);
  }

  /** @return whether the body was still open */
  private boolean end() {
    if (ended) {
      return false;
    }
    ended = true;
    if (expiry != null) {
      expiry.cancel(false);
    }
    return true;
  }
}
