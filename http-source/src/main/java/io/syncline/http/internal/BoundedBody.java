package io.syncline.http.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into one byte array, but cancels the download and fails once it grows
 * beyond a limit, so one misbehaving response cannot hold unbounded memory. Used by one response
 * at a time (the HTTP client calls it serially). Not API.
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
  private Flow.Subscription subscription;
  private long received;
  private boolean overflowed;

  BoundedBody(long limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return bytes.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    bytes.onSubscribe(s);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    if (overflowed) {
      return;
    }
    for (ByteBuffer b : item) {
      received += b.remaining();
    }
    if (received > limit) {
      overflowed = true;
      subscription.cancel();
      bytes.onError(new TooLarge(limit));
      return;
    }
    bytes.onNext(item);
  }

  @Override
  public void onError(Throwable t) {
    if (!overflowed) {
      bytes.onError(t);
    }
  }

  @Override
  public void onComplete() {
    if (!overflowed) {
      bytes.onComplete();
    }
  }
}
