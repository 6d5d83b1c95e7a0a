package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One vendor server, one endpoint wired with default settings (the real retry settings, jitter
 * included; waits go to a {@link RecordingSleeper}), an engine sharing the server's
 * clock, and an in-memory store; the scenarios' shared setup.
 */
final class VendorHarness implements AutoCloseable {
  final VendorServer server;
  final InMemoryRecordStore store = new InMemoryRecordStore();
  final Resource resource;
  final SyncEngine engine;

  /** Records every wait of the source and advances the server's clock by it. */
  final RecordingSleeper sleeper;

  VendorHarness(VendorServer server, Endpoint endpoint, Resource resource) {
    this(server, endpoint, resource, b -> b);
  }

  /**
   * @param extra settings beyond the defaults (the sleeper and clock are always the harness's)
   */
  VendorHarness(VendorServer server, Endpoint endpoint, Resource resource,
      UnaryOperator<HttpRecordSource.Builder> extra) {
    this.server = server;
    this.resource = resource;
    this.sleeper = new RecordingSleeper(server.clock);
    HttpRecordSource source = extra.apply(HttpRecordSource.builder(server.base()).clock(server.clock)
        .sleeper(sleeper).endpoint(resource.name(), endpoint)).build();
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

  /**
   * Asserts every record on the server is stored as the server has it; records deleted on the
   * server may remain in the store (listing does not see deletions).
   */
  void assertStoreHoldsServer() {
    Map<String, JsonNode> expected = new TreeMap<>();
    server.snapshot().forEach((id, json) -> expected.put(id, tree(json)));
    Map<String, JsonNode> actual = new TreeMap<>();
    for (StoredRecord r : store.all(resource.name())) {
      if (expected.containsKey(r.id())) {
        actual.put(r.id(), tree(r.json()));
      }
    }
    assertThat(actual).as("server's records in the store of " + resource.name()).isEqualTo(expected);
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
