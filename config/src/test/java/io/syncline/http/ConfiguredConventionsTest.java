package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncResult;
import io.syncline.config.ConfigFiles;
import io.syncline.config.SyncDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10/12: every {@code convention:} value of the configuration builds an endpoint that
 * behaves like the one {@link Conventions} builds in code. The same lifecycle (backfill, creations
 * and edits, incremental runs, a second backfill) runs through the engine against http-source's
 * loopback vendor server for that convention, once with the configured endpoint and once with the
 * code-built one: after every run the store equals the server's records, and both send exactly the
 * same requests. (In package {@code io.syncline.http} to reuse http-source's test fixtures.)
 */
class ConfiguredConventionsTest {

  /** One convention: its YAML value, the code that builds it, its vendor server and its resource. */
  record Case(String convention, Function<String, Endpoint.Builder> code, Supplier<VendorServer> server,
      String cursorField, boolean numericIds) {
    @Override
    public String toString() {
      return convention;
    }
  }

  static Stream<Arguments> conventions() {
    return Stream.of(
        new Case("demo-api", Conventions::demoApi,
            () -> new VendorServer(Duration.ofMillis(1), true, VendorListings.demoKeyset()), "updated_at", true),
        new Case("link-header-since", Conventions::linkHeaderSince,
            () -> new VendorServer(Duration.ofSeconds(1), true, VendorListings.linkHeaderSince()), "updated_at", true),
        new Case("starting-after", Conventions::startingAfter,
            () -> new VendorServer(Duration.ofMillis(1), false, VendorListings.startingAfter()), null, false),
        new Case("page-token", Conventions::pageToken,
            () -> new VendorServer(Duration.ofMillis(1), false, VendorListings.pageToken()), null, false),
        new Case("offset-limit", Conventions::offsetLimit,
            () -> new VendorServer(Duration.ofMillis(1), true, VendorListings.offsetLimit()), null, true),
        new Case("page-per-page", Conventions::pagePerPage,
            () -> new VendorServer(Duration.ofMillis(1), true, VendorListings.pagePerPage()), null, true),
        new Case("newest-first-starting-after", Conventions::newestFirstStartingAfter,
            () -> new VendorServer(Duration.ofSeconds(1), false, VendorListings.newestFirstStartingAfter()),
            "created", false)
    ).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void aConfiguredConventionSyncsLikeTheCodeBuiltOne(Case c) {
    String yaml = """
        api:
          base-url: http://127.0.0.1:1
          convention: %s
        resources:
          items:
            path: /items
            page-size: 7
        %s""".formatted(c.convention(),
        c.cursorField() == null ? "" : "    timestamp-field: " + c.cursorField() + "\n");
    SyncDefinition def = SyncDefinition.of(ConfigFiles.parse(yaml, "conventions.yml"), "conventions.yml");
    Resource resource = def.resource("items").orElseThrow();

    List<Map<String, String>> configured = lifecycle(c, def.endpoints().get("items"), resource);
    List<Map<String, String>> coded = lifecycle(c, c.code().apply("/items").build(), resource);

    assertThat(configured).isNotEmpty().isEqualTo(coded);
  }

  /** Runs the lifecycle against a fresh server; returns the requests it received, in order. */
  private static List<Map<String, String>> lifecycle(Case c, Endpoint endpoint, Resource resource) {
    try (VendorHarness h = new VendorHarness(c.server().get(), endpoint, resource)) {
      for (int i = 1; i <= 23; i++) {
        h.server.put(id(c, i), h.server.now().minusSeconds(100 - i / 3));
      }
      assertSucceeded(h.engine.backfill(resource));
      h.assertStoreEqualsServer();

      h.server.clock.advance(Duration.ofSeconds(3));
      for (int i = 24; i <= 30; i++) {
        h.server.put(id(c, i), h.server.now());
      }
      assertSucceeded(h.engine.incremental(resource));
      h.assertStoreEqualsServer();

      h.server.clock.advance(Duration.ofSeconds(5));
      h.server.edit(id(c, 3));
      h.server.edit(id(c, 29));
      assertSucceeded(h.engine.backfill(resource));
      h.assertStoreEqualsServer();
      assertThat(h.server.records()).hasSize(30);
      return new ArrayList<>(h.server.requests);
    }
  }

  private static String id(Case c, int n) {
    return c.numericIds() ? Integer.toString(n) : String.format("obj_%04d", n);
  }

  private static void assertSucceeded(SyncResult r) {
    assertThat(r.failure()).isEmpty();
  }
}
