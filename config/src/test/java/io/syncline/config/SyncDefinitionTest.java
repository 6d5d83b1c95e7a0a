package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.InvalidRecords;
import io.syncline.Resource;
import io.syncline.SyncStrategy;
import io.syncline.http.Endpoint;
import io.syncline.http.Paginator;
import io.syncline.http.TimestampFormat;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncDefinitionTest {

  private static SyncDefinition define(String yaml) {
    return SyncDefinition.of(ConfigFiles.parse(yaml, "test.yml"), "test.yml");
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(SyncDefinitionTest.class.getResource("/" + name).toURI());
  }

  @Test
  void theFieldServiceFileBuildsTheResourcesCodeWouldBuild() throws Exception {
    SyncDefinition def = SyncDefinition.of(ConfigFiles.load(fixture("field-service.yml")), "field-service.yml");

    assertThat(def.resources()).containsExactly(
        Resource.builder("orders").cursorField("updated_at").pageSize(500).ttl(Duration.ofHours(2))
            .lookback(Duration.ofMinutes(5)).build(),
        Resource.builder("equipments").cursorField("updated_at").pageSize(500).ttl(Duration.ofHours(4))
            .lookback(Duration.ofMinutes(5)).build(),
        Resource.builder("technicians").noCursorField().pageSize(500).ttl(Duration.ofHours(6)).build());
    assertThat(def.tokenEnv()).contains("SYNCLINE_TOKEN");
    assertThat(def.retry().maxAttempts()).isEqualTo(4);
    assertThat(def.governor()).isPresent();
    assertThat(def.supportsDateRange("orders")).isTrue();
    assertThat(def.supportsDateRange("equipments")).isFalse();
    Endpoint orders = def.endpoints().get("orders");
    assertThat(orders.path()).isEqualTo("/v1/orders");
    assertThat(orders.dateFromParameter()).contains("created_from");
    assertThat(orders.timestampFilter()).isPresent();
    assertThat(def.endpoints().get("technicians").timestampFilter()).isEmpty();
  }

  @Test
  void anApiWithOtherConventionsIsDescribedWithoutCode() {
    SyncDefinition def = define("""
        api:
          base-url: https://api.example.com/rest
          auth: { type: none }
          listing:
            records: /items
            paginator: { type: next-token, pointer: /paging/next, parameter: cursor }
            id-filter: none
            has-more: none
            total: /paging/count
            page-size-parameter: limit
            max-page-size: 200
            timestamp-filter: { parameter: modified_after, inclusive: false, format: epoch-seconds, granularity: 1s }
            sort: { parameter: order_by, by-id: ticket_no, by-updated-at: modified }
            record-timestamps: epoch-seconds
            parameters: { archived: "false" }
        resources:
          tickets:
            path: /tickets
            id-field: ticket_no
            timestamp-field: modified
            page-size: 200
            initial-lookback: 3d
            filters: { team: ops }
          users:
            path: /users
            id-field: uid
            full-refresh-interval: 12h
            listing:
              paginator: { type: offset, parameter: skip }
        """);

    Endpoint tickets = def.endpoints().get("tickets");
    assertThat(tickets.recordsPointer()).isEqualTo("/items");
    assertThat(tickets.paginator()).isEqualTo(Paginator.nextToken("/paging/next", "cursor"));
    assertThat(tickets.idFilter()).isEmpty();
    assertThat(tickets.hasMorePointer()).isEmpty();
    assertThat(tickets.totalPointer()).contains("/paging/count");
    assertThat(tickets.pageSizeParameter()).contains("limit");
    assertThat(tickets.maxPageSize()).isEqualTo(200);
    assertThat(tickets.timestampFilter()).hasValueSatisfying(f -> {
      assertThat(f.parameter()).isEqualTo("modified_after");
      assertThat(f.inclusive()).isFalse();
      assertThat(f.format()).isEqualTo(TimestampFormat.epochSeconds());
      assertThat(f.granularity()).isEqualTo(Duration.ofSeconds(1));
    });
    assertThat(tickets.sortParameter()).contains("order_by");
    assertThat(tickets.sortById()).isEqualTo("ticket_no");
    assertThat(tickets.recordTimestamps()).isEqualTo(TimestampFormat.epochSeconds());
    assertThat(tickets.parameters()).isEqualTo(Map.of("archived", "false"));
    assertThat(def.resource("tickets")).hasValueSatisfying(r -> {
      assertThat(r.idField()).isEqualTo("ticket_no");
      assertThat(r.cursorField()).contains("modified");
      assertThat(r.initialLookback()).isEqualTo(Duration.ofDays(3));
      assertThat(r.filters()).isEqualTo(Map.of("team", "ops"));
    });

    Endpoint users = def.endpoints().get("users");
    assertThat(users.paginator()).isEqualTo(Paginator.offset("skip"));
    assertThat(users.recordsPointer()).as("inherited from api.listing").isEqualTo("/items");
    assertThat(users.timestampFilter()).as("id-only resource").isEmpty();
    assertThat(def.resource("users").orElseThrow().strategy()).isEqualTo(SyncStrategy.ID_ONLY);
    assertThat(def.resource("users").orElseThrow().fullRefreshInterval()).isEqualTo(Duration.ofHours(12));
    assertThat(def.tokenEnv()).isEmpty();
  }

  @Test
  void softDeleteFieldsAreDescribedPerResource() {
    SyncDefinition def = define("""
        api:
          base-url: https://api.example.com
          auth: { type: none }
        resources:
          tickets: { path: /tickets, timestamp-field: updated_at, soft-delete: { field: deleted_at, when: present } }
          users: { path: /users, timestamp-field: updated_at, soft-delete: { field: deleted, when: true } }
          deals: { path: /deals, timestamp-field: updated_at, soft-delete: { field: status, equals: deleted } }
          notes: { path: /notes, timestamp-field: updated_at }
        """);

    assertThat(def.resource("tickets").orElseThrow().softDelete()).isEqualTo(io.syncline.SoftDelete.whenPresent("deleted_at"));
    assertThat(def.resource("users").orElseThrow().softDelete()).isEqualTo(io.syncline.SoftDelete.whenTrue("deleted"));
    assertThat(def.resource("deals").orElseThrow().softDelete())
        .isEqualTo(io.syncline.SoftDelete.whenEquals("status", "deleted"));
    assertThat(def.resource("notes").orElseThrow().softDelete()).isEqualTo(io.syncline.SoftDelete.NONE);
  }

  @Test
  void aSoftDeleteWithoutOneConditionNamesTheKey() {
    assertThatThrownBy(() -> define("""
        api: { base-url: https://api.example.com, auth: { type: none } }
        resources:
          tickets: { path: /tickets, soft-delete: { field: deleted_at } }
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("resources.tickets.soft-delete")
        .hasMessageContaining("exactly one of 'when'");
    assertThatThrownBy(() -> define("""
        api: { base-url: https://api.example.com, auth: { type: none } }
        resources:
          tickets: { path: /tickets, soft-delete: { field: deleted_at, when: gone } }
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("resources.tickets.soft-delete.when")
        .hasMessageContaining("present or true");
  }

  @Test
  void anUnknownKeyNamesTheFileTheKeyItsLineAndTheAllowedKeys() {
    assertThatThrownBy(() -> define("""
        api:
          base-url: http://127.0.0.1:1
        resources:
          orders:
            path: /v1/orders
            page-sise: 10
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: resources.orders.page-sise: unknown key")
        .hasMessageContaining("allowed under resources.orders:")
        .hasMessageContaining("page-size")
        .hasMessageContaining("timestamp-field")
        .hasMessageContaining("line 6");
  }

  @Test
  void aTokenInTheFileIsRefusedWithAHint() {
    assertThatThrownBy(() -> define("""
        api:
          base-url: http://127.0.0.1:1
          auth: { token: s3cr3t-value }
        resources:
          a: { path: /a }
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.auth.token: unknown key")
        .hasMessageContaining("token-env")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void anOutOfRangeValueNamesTheKeyAndWhatIsAllowed() {
    assertThatThrownBy(() -> define("""
        api: { base-url: http://127.0.0.1:1 }
        resources:
          orders: { path: /v1/orders, page-size: 0 }
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: resources.orders.page-size: ")
        .hasMessageContaining("1..100000");
    assertThatThrownBy(() -> define("""
        api: { base-url: http://127.0.0.1:1 }
        resources:
          orders: { path: /v1/orders, ttl: soon }
        """))
        .hasMessage("test.yml: resources.orders.ttl: 'soon' is not a duration such as 500ms, 90s, 5m, 2h, 1d or PT5M");
    assertThatThrownBy(() -> define("""
        api: { base-url: http://127.0.0.1:1, listing: { paginator: { type: pages } } }
        resources:
          orders: { path: /v1/orders }
        """))
        .hasMessageStartingWith("test.yml: api.listing.paginator.type: 'pages' is not allowed; use keyset, page-number");
    assertThatThrownBy(() -> define("""
        api: { base-url: http://127.0.0.1:1 }
        resources:
          orders: { path: /v1/orders, page-size: many }
        """))
        .hasMessageStartingWith("test.yml: resources.orders.page-size: 'many' is not a whole number");
  }

  @Test
  void invalidRecordsAreSetAsideWhenAResourceSaysSoAndFailThePageByDefault() {
    SyncDefinition def = define("""
        api: { base-url: http://127.0.0.1:1 }
        resources:
          orders: { path: /v1/orders, timestamp-field: updated_at, invalid-records: set-aside }
          equipments: { path: /v1/equipments, timestamp-field: updated_at, invalid-records: fail }
          technicians: { path: /v1/technicians }
        """);
    assertThat(def.resources()).extracting(Resource::invalidRecords)
        .containsExactly(InvalidRecords.SET_ASIDE, InvalidRecords.FAIL, InvalidRecords.FAIL);
    assertThatThrownBy(() -> define("""
        api: { base-url: http://127.0.0.1:1 }
        resources:
          orders: { path: /v1/orders, invalid-records: skip }
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yml: resources.orders.invalid-records: 'skip' is not allowed; use fail or set-aside");
  }

  @Test
  void missingRequiredKeysAreNamed() {
    assertThatThrownBy(() -> define("resources: { a: { path: /a } }"))
        .hasMessageStartingWith("test.yml: api: missing");
    assertThatThrownBy(() -> define("api: { base-url: http://127.0.0.1:1 }\nresources: { a: { page-size: 5 } }"))
        .hasMessageStartingWith("test.yml: resources.a.path: missing");
    assertThatThrownBy(() -> define("api: { base-url: 'ftp://x' }\nresources: { a: { path: /a } }"))
        .hasMessageStartingWith("test.yml: api.base-url: 'ftp://x' is not an absolute http(s) URL");
    assertThatThrownBy(() -> define("api: { base-url: http://127.0.0.1:1 }\nresources: { 9a: { path: /a } }"))
        .hasMessageStartingWith("test.yml: resources.9a: Invalid resource name");
  }

  @Test
  void contradictoryListingOptionsAreReportedOnTheListing() {
    assertThatThrownBy(() -> define("""
        api:
          base-url: http://127.0.0.1:1
          listing: { id-filter: none }
        resources:
          a: { path: /a }
        """))
        .hasMessageStartingWith("test.yml: resources.a: Endpoint /a: keyset pagination needs an id filter");
  }

  @Test
  void theTokenComesFromTheEnvironmentAndAMissingOneNamesTheVariable() {
    SyncDefinition def = define("""
        api: { base-url: http://127.0.0.1:1, auth: { token-env: MY_TOKEN } }
        resources: { a: { path: /a } }
        """);
    assertThat(def.sourceBuilder(Map.of("MY_TOKEN", "t0k3n")::get).build().toString()).doesNotContain("t0k3n");
    assertThatThrownBy(() -> def.sourceBuilder(Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yml: api.auth.token-env: the environment variable MY_TOKEN is not set; it must hold the API token");
  }

  @Test
  void aSpringStyleRootIsUnwrappedAndKeysKeepTheirPrefix() {
    SynclineConfig c = ConfigFiles.parse("""
        syncline:
          api: { base-url: http://127.0.0.1:1 }
          resources: { a: { path: /a, lookback: 90s } }
        """, "application.yml");
    assertThat(SyncDefinition.of(c, "application.yml").resource("a").map(Resource::lookback))
        .isEqualTo(Optional.of(Duration.ofSeconds(90)));
    assertThatThrownBy(() -> ConfigFiles.parse("syncline:\n  api: { base-url: x, bogus: 1 }\n", "application.yml"))
        .hasMessageStartingWith("application.yml: syncline.api.bogus: unknown key");
  }

  @Test
  void duplicateKeysAndBrokenYamlAreErrors() {
    assertThatThrownBy(() -> define("api: { base-url: http://a }\napi: { base-url: http://b }\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api");
    assertThatThrownBy(() -> define("api: [unclosed\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("test.yml: is not valid YAML");
    assertThatThrownBy(() -> ConfigFiles.load(Path.of("/nonexistent/syncline.yml")))
        .hasMessage("/nonexistent/syncline.yml: no such file");
  }
}
