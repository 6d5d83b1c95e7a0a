package io.syncline.micrometer;

import io.syncline.http.HttpSourceEvent;
import io.syncline.http.HttpSourceListener;

/** Turns {@link HttpSourceEvent}s into meters of a {@link SynclineMetrics}. Thread-safe. */
final class HttpMetrics implements HttpSourceListener {
  private final SynclineMetrics metrics;

  HttpMetrics(SynclineMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onEvent(HttpSourceEvent event) {
    String resource = event.resource();
    if (event instanceof HttpSourceEvent.Response r) {
      requests(resource, Integer.toString(r.status()));
      if (r.rateLimited()) {
        metrics.counter("syncline.http.rate.limited", resource, "responses with status 429").increment();
      }
    } else if (event instanceof HttpSourceEvent.RequestFailed) {
      requests(resource, "none");
    } else if (event instanceof HttpSourceEvent.Retry) {
      metrics.counter("syncline.http.retries", resource, "retried attempts").increment();
    } else if (event instanceof HttpSourceEvent.QuotaWait q) {
      metrics.timer("syncline.http.quota.waits", metrics.tags(resource), "waits for a spent quota").record(q.duration());
    } else if (event instanceof HttpSourceEvent.RateChanged c) {
      metrics.rateChanged(resource, c.currentPerSecond());
    }
  }

  private void requests(String resource, String status) {
    io.micrometer.core.instrument.Counter.builder("syncline.http.requests").description("HTTP requests by status")
        .tags(metrics.tags(resource).and("status", status)).register(metrics.registry()).increment();
  }
}
