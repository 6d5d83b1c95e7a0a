package io.syncline.http.vendors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.http.Endpoint;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.RetrySettings;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One vendor server, one endpoint wired with default settings, an engine sharing the server's
 * clock, and an in-memory store; the scenarios' shared setup.
 */
final class VendorHarness implements AutoCloseable {
  final VendorServer server;
  final InMemoryRecordStore store = new InMemoryRecordStore();
  final Resource resource;
  final SyncEngine engine;

  VendorHarness(VendorServer server, Endpoint endpoint, Resource resource) {
    this(server, endpoint, resource, RetrySettings.builder()
        .backoff(Duration.ofMillis(1), 2, Duration.ofMillis(10)).jitter(0).build());
  }

  VendorHarness(VendorServer server, Endpoint endpoint, Resource resource, RetrySettings retry) {
    this.server = server;
    this.resource = resource;
    HttpRecordSource source = HttpRecordSource.builder(server.base()).clock(server.clock).retry(retry)
        .endpoint(resource.name(), endpoint).build();
    this.engine = SyncEngine.builder(source, store).resources(List.of(resource)).clock(server.clock).build();
  }

  /** Asserts the store holds exactly the server's records, id for id and payload for payload. */
  void assertStoreEqualsServer() {
    Map<String, JsonNode> expected = new TreeMap<>();
    server.snapshot().forEach((id, json) -> expected.put(id, tree(json)));
    Map<String, JsonNode> actual = new TreeMap<>();
    for (StoredRecord r : store.all(resource.name())) {
      actual.put(r.id(), tree(r.json()));
    }
    assertThat(actual).as("store of " + resource.name()).isEqualTo(expected);
  }

  static JsonNode tree(String json) {
    try {
      return VendorServer.JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
