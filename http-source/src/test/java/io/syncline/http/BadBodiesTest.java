package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.InvalidRecordException;
import io.syncline.Resource;
import io.syncline.SyncResult;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 7 (bad bodies): a garbled or cut body is retried as transient, with backoff and
 * a bounded number of attempts, before the page fails; the failure names resource, page and
 * where the body broke. Default settings, through the engine into a store.
 */
class BadBodiesTest {

  private static VendorHarness harness() {
    VendorServer server = new VendorServer(Duration.ofMillis(1), true, VendorListings.demoKeyset());
    for (int id = 1; id <= 25; id++) {
      server.put(Integer.toString(id), server.now().minusSeconds(100 - id));
    }
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(10).build();
    return new VendorHarness(server, Conventions.demoApi("/items").build(), items);
  }

  private static void garbled(VendorServer server) {
    send(server, "{\"data\":[{\"id\":1,\"updated_at\" \"2026-11-28T10:00:00.000Z\"}],\"meta\":{}}", -1);
  }

  private static void cut(VendorServer server) {
    send(server, "{\"data\":[{\"id\":1,\"updated_at\":\"2026-11-28T10:00:00.000Z\"},{\"id\":2,", 0);
  }

  /** Queues an answer; {@code declared} 0 sends it chunked, -1 with its length. */
  private static void send(VendorServer server, String body, int declared) {
    server.fault(ex -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, declared == 0 ? 0 : b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
      return true;
    });
  }

  @Test
  void aGarbledAndACutBodyAreRetriedAndTheRunStoresEveryRecord() {
    try (VendorHarness h = harness()) {
      garbled(h.server);
      cut(h.server);

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(h.sleeper.sleeps()).hasSizeGreaterThanOrEqualTo(2); // backed off before each retry
    }
  }

  @Test
  void aPageGarbledOnEveryAttemptFailsNamingResourcePageAndOffsetAndKeepsTheCursorBeforeIt() {
    try (VendorHarness h = harness()) {
      h.server.afterEachListing(n -> {
        if (n == 1) {
          for (int i = 0; i < 6; i++) {
            garbled(h.server);
          }
        }
      });

      InvalidRecordException e = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> h.engine.incremental(h.resource), InvalidRecordException.class);

      assertThat(e.getMessage()).contains("'items'", "page 2", "malformed JSON at line 1", "byte offset",
          "unusable on all 6 attempts");
      assertThat(e.field()).isEqualTo("body");
      assertThat(h.store.all("items")).hasSize(10);
      h.server.afterEachListing(n -> { });
      h.engine.incremental(h.resource);
      h.assertStoreEqualsServer();
    }
  }
}
