package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.http.Endpoint;
import io.syncline.http.Paginator;
import io.syncline.http.TimestampFilter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code convention} key (API-level and per resource) and the listing keys that adjust a
 * convention: a key left out keeps the convention's value, a key set replaces just that value,
 * and an unknown convention or an incomplete paginator is an error naming the file and the key.
 */
class ConventionKeysTest {

  private static SyncDefinition define(String yaml) {
    return SyncDefinition.of(ConfigFiles.parse(yaml, "test.yml"), "test.yml");
  }

  private static Endpoint items(String api, String resource) {
    return define("""
        api:
          base-url: https://api.example.com
        %s
        resources:
          items:
            path: /items
            timestamp-field: updated_at
        %s""".formatted(api.indent(2), resource.indent(4))).endpoints().get("items");
  }

  @Test
  void pageTokenKeepsTheTokenOnlyFollowUpsWithItsOwnPointerAndParameter() {
    Endpoint e = items("""
        convention: page-token
        listing:
          paginator: { pointer: /meta/cursor, parameter: cursor }""", "");
    assertThat(e.paginator()).isEqualTo(Paginator.pageToken("/meta/cursor", "cursor"));
    assertThat(e.pageSizeParameter()).contains("limit");
    assertThat(e.maxPageSize()).isEqualTo(250);
  }

  @Test
  void linkHeaderSinceKeepsItsSecondGranularityWhenTheSinceParameterIsRenamed() {
    Endpoint e = items("""
        convention: link-header-since
        listing:
          timestamp-filter: { parameter: updated_since }
          page-size-parameter: limit""", "");
    assertThat(e.paginator()).isEqualTo(Paginator.linkHeader());
    assertThat(e.timestampFilter())
        .contains(TimestampFilter.inclusive("updated_since").withGranularity(Duration.ofSeconds(1)));
    assertThat(e.pageSizeParameter()).contains("limit");
    assertThat(e.maxPageSize()).isEqualTo(100);
    assertThat(e.recordsPointer()).isEmpty();
  }

  @Test
  void aResourcesConventionOverridesTheApis() {
    Endpoint e = items("convention: page-per-page", """
        convention: newest-first-starting-after
        listing:
          paginator: { parameter: after }""");
    assertThat(e.paginator()).isEqualTo(Paginator.afterLastRecord("after"));
    assertThat(e.newestFirst()).isTrue();
    assertThat(e.hasMorePointer()).contains("/has_more");
  }

  @Test
  void withoutAConventionTheDemoApiIsUsed() {
    Endpoint e = items("", "");
    assertThat(e.paginator()).isEqualTo(Paginator.keyset());
    assertThat(e.idFilter()).contains("since_id");
    assertThat(e.pageSizeParameter()).contains("per_page");
    assertThat(e.maxPageSize()).isEqualTo(500);
    assertThat(e.hasMorePointer()).contains("/meta/has_more");
    assertThat(e.sortParameter()).isEqualTo(Optional.of("sort"));
  }

  @Test
  void anUnknownApiConventionNamesTheFileTheKeyAndTheAllowedValues() {
    assertThatThrownBy(() -> items("convention: graphql", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: api.convention: 'graphql' is not allowed; use demo-api, "
            + "link-header-since, starting-after, page-token, offset-limit, page-per-page, "
            + "newest-first-starting-after");
  }

  @Test
  void anUnknownResourceConventionNamesTheResourcesKey() {
    assertThatThrownBy(() -> items("", "convention: cursor"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: resources.items.convention: 'cursor' is not allowed; use demo-api");
  }

  @Test
  void aTokenPaginatorWithoutItsPointerIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> items("""
        listing:
          paginator: { type: page-token, parameter: page_token }""", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: api.listing.paginator: page-token needs 'pointer'");
  }

  @Test
  void anAfterLastRecordPaginatorWithoutItsParameterIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> items("""
        listing:
          paginator: { type: after-last-record }""", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: api.listing.paginator.parameter: missing; after-last-record needs");
  }

  @Test
  void anUnknownKeyNextToTheConventionListsTheAllowedKeys() {
    assertThatThrownBy(() -> define("""
        api:
          base-url: https://api.example.com
          convention: page-token
          token-pointer: /next
        resources:
          items: { path: /items }"""))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.yml: api.token-pointer: unknown key")
        .hasMessageContaining("convention");
  }
}
