package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo server against {@code field-service-api.md}, over real HTTP on 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldServiceApiContractTest {

  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  FieldServiceServer server;
  ApiClient api;
  List<JsonNode> allOrders;
  List<JsonNode> allEquipments;

  @BeforeAll
  void start() {
    server = FieldServiceServer.builder().orders(3_000).equipments(1_300).technicians(40).seed(7)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start();
    api = new ApiClient(server);
    allOrders = api.all("orders", "", 500);
    allEquipments = api.all("equipments", "", 500);
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  static Instant updatedAt(JsonNode n) {
    return Instant.parse(n.get("updated_at").asText());
  }

  static List<Long> ids(List<JsonNode> nodes) {
    return nodes.stream().map(n -> n.get("id").asLong()).toList();
  }

  List<Long> expected(List<JsonNode> all, Predicate<JsonNode> filter, Comparator<JsonNode> order) {
    return ids(all.stream().filter(filter).sorted(order).toList());
  }

  static final Comparator<JsonNode> BY_ID = Comparator.comparingLong(n -> n.get("id").asLong());
  static final Comparator<JsonNode> BY_UPDATED_THEN_ID =
      Comparator.comparing(FieldServiceApiContractTest::updatedAt).thenComparing(BY_ID);

  @Nested
  class Authentication {
    @Test
    void missingTokenIsUnauthorized() {
      ApiClient.Response r = api.getWithAuthorization("/v1/orders", null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("{\"error\":\"unauthorized\"}");
      assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer", "Basic c3luY2xpbmUtZGVtbw==", "syncline-demo",
        "Bearer syncline-demo2", "Bearer  syncline-demo"})
    void wrongCredentialsAreUnauthorized(String authorization) {
      ApiClient.Response r = api.getWithAuthorization("/v1/orders", authorization);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
      assertThat(api.getWithAuthorization("/v1/orders", "bearer syncline-demo").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsWithoutTokenAreUnauthorizedToo() {
      assertThat(api.getWithAuthorization("/v1/invoices", null).status()).isEqualTo(401);
    }
  }

  @Nested
  class Routing {
    @ParameterizedTest
    @ValueSource(strings = {"/v1/invoices", "/v1/orders/1", "/v1", "/", "/v2/orders", "/v1/Orders"})
    void unknownResourcesAreNotFound(String path) {
      ApiClient.Response r = api.get(path);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).isEqualTo("{\"error\":\"not found\"}");
      assertThat(r.header("X-RateLimit-Limit")).isNotNull();
    }

    @Test
    void listingsAcceptOnlyGet() {
      ApiClient.Response r = api.post("/v1/orders");
      assertThat(r.status()).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("GET");
    }
  }

  @Nested
  class Shapes {
    @Test
    void ordersHaveExactlyTheContractFields() {
      JsonNode o = api.get("/v1/orders?per_page=1").data().get(0);
      assertThat(fieldNames(o)).containsExactly("id", "number", "status", "customer", "technician_id",
          "equipment_id", "created_at", "updated_at");
      assertThat(o.get("number").asText()).isEqualTo("OS-" + o.get("id").asLong());
      assertThat(o.get("created_at").asText()).matches(TIMESTAMP);
      assertThat(o.get("updated_at").asText()).matches(TIMESTAMP);
    }

    @Test
    void everyOrderIsWellFormed() {
      assertThat(allOrders).hasSize(3_000).allSatisfy(o -> {
        assertThat(o.get("status").asText()).isIn("open", "scheduled", "in_progress", "done", "cancelled");
        assertThat(o.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(updatedAt(o)).isAfterOrEqualTo(Instant.parse(o.get("created_at").asText()))
            .isBeforeOrEqualTo(NOW).isAfter(NOW.minus(java.time.Duration.ofDays(91)));
        assertThat(o.get("customer").asText()).isNotBlank();
        assertThat(o.get("equipment_id").asLong()).isBetween(1L, 1_300L);
      });
      assertThat(allOrders.stream().map(o -> o.get("status").asText()).distinct())
          .containsExactlyInAnyOrder("open", "scheduled", "in_progress", "done", "cancelled");
    }

    @Test
    void equipmentsHaveExactlyTheContractFields() {
      JsonNode e = api.get("/v1/equipments?per_page=1").data().get(0);
      assertThat(fieldNames(e)).containsExactly("id", "name", "serial", "customer", "updated_at");
      assertThat(e.get("updated_at").asText()).matches(TIMESTAMP);
    }

    @Test
    void techniciansHaveNoTimestamp() {
      List<JsonNode> all = api.all("technicians", "", 500);
      assertThat(all).hasSize(40).allSatisfy(t -> {
        assertThat(fieldNames(t)).containsExactly("id", "name", "email", "active");
        assertThat(t.get("active").isBoolean()).isTrue();
        assertThat(t.get("email").asText()).contains("@");
      });
    }

    @Test
    void responsesAreUtf8Json() {
      ApiClient.Response r = api.get("/v1/orders?per_page=500");
      assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      // Customer names carry accents; they must survive as UTF-8.
      assertThat(allOrders.stream().map(o -> o.get("customer").asText()).anyMatch(c -> c.matches(".*[^\\x00-\\x7F].*")))
          .isTrue();
    }

    List<String> fieldNames(JsonNode n) {
      List<String> out = new java.util.ArrayList<>();
      Iterator<String> it = n.fieldNames();
      it.forEachRemaining(out::add);
      return out;
    }
  }

  @Nested
  class Paging {
    @Test
    void defaultsToFirstPageOfHundredById() {
      ApiClient.Response r = api.get("/v1/orders");
      assertThat(r.status()).isEqualTo(200);
      assertThat(ids(r.data())).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
      JsonNode meta = r.meta();
      assertThat(meta.get("page").asInt()).isEqualTo(1);
      assertThat(meta.get("per_page").asInt()).isEqualTo(100);
      assertThat(meta.get("total").asLong()).isEqualTo(3_000);
      assertThat(meta.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void walkingAllPagesReturnsEveryRecordOnceInIdOrder() {
      assertThat(ids(allOrders)).isSorted().doesNotHaveDuplicates().hasSize(3_000);
      assertThat(ids(api.all("orders", "", 7))).isEqualTo(ids(allOrders));
    }

    @Test
    void lastPageHasNoMoreAndTheNextIsEmpty() {
      ApiClient.Response last = api.get("/v1/orders?per_page=500&page=6");
      assertThat(last.data()).hasSize(500);
      assertThat(last.meta().get("has_more").asBoolean()).isFalse();
      ApiClient.Response beyond = api.get("/v1/orders?per_page=500&page=7");
      assertThat(beyond.status()).isEqualTo(200);
      assertThat(beyond.data()).isEmpty();
      assertThat(beyond.meta().get("has_more").asBoolean()).isFalse();
      assertThat(beyond.meta().get("total").asLong()).isEqualTo(3_000);
      assertThat(api.get("/v1/orders?page=99999999999999999999").data()).isEmpty();
    }

    @Test
    void partialLastPage() {
      ApiClient.Response r = api.get("/v1/orders?per_page=400&page=8");
      assertThat(r.data()).hasSize(200);
      assertThat(r.meta().get("has_more").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"501", "1000", "99999999999999999999"})
    void largePerPageIsClampedTo500(String perPage) {
      ApiClient.Response r = api.get("/v1/orders?per_page=" + perPage);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.data()).hasSize(500);
      assertThat(r.meta().get("per_page").asInt()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"per_page=0", "per_page=-1", "per_page=abc", "per_page=", "per_page=1.5",
        "page=0", "page=-2", "page=x", "page=", "page=1&page=2"})
    void badPagingValuesAreRejected(String query) {
      ApiClient.Response r = api.get("/v1/orders?" + query);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("error").asText()).isNotBlank();
      assertThat(r.header("X-RateLimit-Remaining")).isNotNull();
    }

    @Test
    void unknownParameterNamesAreIgnored() {
      ApiClient.Response r = api.get("/v1/orders?per_page=3&fields=id&utm_source=x");
      assertThat(r.status()).isEqualTo(200);
      assertThat(ids(r.data())).containsExactly(1L, 2L, 3L);
    }
  }

  @Nested
  class Sorting {
    @Test
    void sortByUpdatedAtBreaksTiesById() {
      List<JsonNode> sorted = api.all("orders", "sort=updated_at", 500);
      assertThat(ids(sorted)).isEqualTo(expected(allOrders, n -> true, BY_UPDATED_THEN_ID));
    }

    @Test
    void sortByIdIsTheDefault() {
      assertThat(api.get("/v1/orders?sort=id&per_page=50").body())
          .isEqualTo(api.get("/v1/orders?per_page=50").body().replace("\"page\":1", "\"page\":1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"updatedAt", "-id", "created_at", "", "ID"})
    void unknownSortIsRejected(String sort) {
      assertThat(api.get("/v1/orders?sort=" + sort).status()).isEqualTo(400);
    }

    @Test
    void techniciansRejectSortByUpdatedAt() {
      ApiClient.Response r = api.get("/v1/technicians?sort=updated_at");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("error").asText()).contains("since_id");
      assertThat(api.get("/v1/technicians?sort=id").status()).isEqualTo(200);
    }
  }

  @Nested
  class Filters {
    @Test
    void updatedSinceIsInclusive() {
      JsonNode pivot = allOrders.get(1234);
      Instant t = updatedAt(pivot);
      List<JsonNode> got = api.all("orders", "sort=updated_at&updated_since=" + t, 500);
      assertThat(ids(got)).contains(pivot.get("id").asLong())
          .isEqualTo(expected(allOrders, n -> !updatedAt(n).isBefore(t), BY_UPDATED_THEN_ID));
      assertThat(api.get("/v1/orders?sort=updated_at&updated_since=" + t).meta().get("total").asLong())
          .isEqualTo(got.size());
    }

    @Test
    void updatedSinceWorksWithIdOrderToo() {
      Instant t = updatedAt(allOrders.get(2000));
      assertThat(ids(api.all("orders", "updated_since=" + t, 500)))
          .isEqualTo(expected(allOrders, n -> !updatedAt(n).isBefore(t), BY_ID));
    }

    @Test
    void updatedSinceAcceptsOffsetsAndSubMillisecondPrecision() {
      Instant t = updatedAt(allOrders.get(10));
      String withOffset = t.atOffset(ZoneOffset.ofHours(-3)).toString();
      assertThat(ids(api.all("orders", "sort=updated_at&updated_since=" + withOffset, 500)))
          .isEqualTo(expected(allOrders, n -> !updatedAt(n).isBefore(t), BY_UPDATED_THEN_ID));
      Instant justAfter = t.plusNanos(1);
      assertThat(ids(api.all("orders", "sort=updated_at&updated_since=" + justAfter, 500)))
          .isEqualTo(expected(allOrders, n -> updatedAt(n).isAfter(t), BY_UPDATED_THEN_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-28", "2026-11-28T10:00:00", "2026-13-01T00:00:00Z", "", "1732780800"})
    void badTimestampsAreRejected(String value) {
      ApiClient.Response r = api.get("/v1/orders?updated_since=" + value);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("error").asText()).contains("updated_since");
    }

    @Test
    void techniciansRejectUpdatedSince() {
      assertThat(api.get("/v1/technicians?updated_since=2026-11-01T00:00:00Z").status()).isEqualTo(400);
    }

    @Test
    void sinceIdIsExclusive() {
      List<JsonNode> got = api.all("orders", "since_id=2500", 100);
      assertThat(ids(got)).first().isEqualTo(2501L);
      assertThat(got).hasSize(500);
      assertThat(api.get("/v1/orders?since_id=2500").meta().get("total").asLong()).isEqualTo(500);
      assertThat(api.all("technicians", "since_id=38", 100)).extracting(n -> n.get("id").asLong())
          .containsExactly(39L, 40L);
      assertThat(api.all("orders", "since_id=-5", 500)).hasSize(3_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.0", "", "0x10"})
    void badSinceIdIsRejected(String value) {
      assertThat(api.get("/v1/orders?since_id=" + value).status()).isEqualTo(400);
    }

    @Test
    void createdRangeIsInclusiveOnBothDates() {
      LocalDate from = LocalDate.parse("2026-10-01");
      LocalDate to = LocalDate.parse("2026-10-15");
      Predicate<JsonNode> inRange = n -> {
        LocalDate d = Instant.parse(n.get("created_at").asText()).atZone(ZoneOffset.UTC).toLocalDate();
        return !d.isBefore(from) && !d.isAfter(to);
      };
      List<JsonNode> got = api.all("orders", "created_from=" + from + "&created_to=" + to, 500);
      assertThat(ids(got)).isNotEmpty().isEqualTo(expected(allOrders, inRange, BY_ID));
      // A single day: from == to.
      assertThat(ids(api.all("orders", "created_from=" + to + "&created_to=" + to, 500)))
          .isNotEmpty().isEqualTo(expected(allOrders, n -> Instant.parse(n.get("created_at").asText())
              .atZone(ZoneOffset.UTC).toLocalDate().equals(to), BY_ID));
    }

    @Test
    void createdRangeOpenAtOneEnd() {
      LocalDate from = LocalDate.parse("2026-11-20");
      assertThat(ids(api.all("orders", "created_from=" + from, 500))).isEqualTo(expected(allOrders,
          n -> !Instant.parse(n.get("created_at").asText()).isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant()), BY_ID));
      assertThat(api.get("/v1/orders?created_from=2026-12-01&created_to=2026-11-01").data()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"created_from=2026-13-01", "created_to=2026-02-30", "created_from=2026-2-1",
        "created_to=2026-11-28T00:00:00Z", "created_from="})
    void badCreatedDatesAreRejected(String query) {
      assertThat(api.get("/v1/orders?" + query).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"equipments", "technicians"})
    void createdRangeIsOrdersOnly(String resource) {
      ApiClient.Response r = api.get("/v1/" + resource + "?created_from=2026-10-01");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("error").asText()).contains("orders");
    }

    @Test
    void filtersCombineWithAnd() {
      Instant t = updatedAt(allOrders.get(600));
      LocalDate from = LocalDate.parse("2026-09-15");
      Predicate<JsonNode> all = n -> !updatedAt(n).isBefore(t) && n.get("id").asLong() > 900
          && !Instant.parse(n.get("created_at").asText()).isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant());
      String q = "updated_since=" + t + "&since_id=900&created_from=" + from;
      assertThat(ids(api.all("orders", "sort=updated_at&" + q, 500)))
          .isNotEmpty().isEqualTo(expected(allOrders, all, BY_UPDATED_THEN_ID));
      assertThat(ids(api.all("orders", q, 37))).isEqualTo(expected(allOrders, all, BY_ID));
      assertThat(api.get("/v1/orders?" + q).meta().get("total").asLong())
          .isEqualTo(allOrders.stream().filter(all).count());
    }
  }

  @Nested
  class EqualTimestamps {
    @Test
    void ordersHaveRunsOfEqualUpdatedAtLongerThanAPage() {
      Map<Instant, Long> runs = allOrders.stream().collect(Collectors.groupingBy(
          FieldServiceApiContractTest::updatedAt, HashMap::new, Collectors.counting()));
      assertThat(runs.values().stream().mapToLong(Long::longValue).max().orElse(0)).isGreaterThan(500);
      assertThat(runs.values().stream().filter(c -> c > 1).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void equipmentsHaveAnImportRunLongerThanAPage() {
      Map<Instant, Long> runs = allEquipments.stream().collect(Collectors.groupingBy(
          FieldServiceApiContractTest::updatedAt, HashMap::new, Collectors.counting()));
      assertThat(runs.values().stream().mapToLong(Long::longValue).max().orElse(0)).isGreaterThan(500);
    }

    @Test
    void aRunSpanningPagesComesOrderedByIdWithoutDuplicates() {
      Map<Instant, Long> runs = allOrders.stream().collect(Collectors.groupingBy(
          FieldServiceApiContractTest::updatedAt, HashMap::new, Collectors.counting()));
      Instant t = runs.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      int size = runs.get(t).intValue();
      List<JsonNode> got = api.all("orders", "sort=updated_at&updated_since=" + t, 500);
      List<JsonNode> run = got.subList(0, size);
      assertThat(run).allSatisfy(n -> assertThat(updatedAt(n)).isEqualTo(t));
      assertThat(ids(run)).isSorted().doesNotHaveDuplicates();
      assertThat(got.size() > size ? updatedAt(got.get(size)) : NOW.plusSeconds(1)).isAfter(t);
    }
  }

  @Nested
  class RateLimitHeaders {
    @ParameterizedTest
    @ValueSource(strings = {"/v1/orders", "/v1/orders?per_page=0", "/v1/nothing"})
    void arePresentOnEveryResponse(String path) {
      ApiClient.Response r = api.get(path);
      assertThat(r.header("X-RateLimit-Limit")).isEqualTo("10000");
      assertThat(Integer.parseInt(r.header("X-RateLimit-Remaining"))).isBetween(0, 10_000);
      long reset = Long.parseLong(r.header("X-RateLimit-Reset"));
      assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 2);
    }

    @Test
    void arePresentOnUnauthorizedResponses() {
      ApiClient.Response r = api.getWithAuthorization("/v1/orders", "Bearer nope");
      assertThat(r.header("X-RateLimit-Limit")).isNotNull();
      assertThat(r.header("X-RateLimit-Remaining")).isNotNull();
      assertThat(r.header("X-RateLimit-Reset")).isNotNull();
    }
  }
}
