package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {

  @Test
  void aResourceWithATimestampFieldIsReadTimestampFirst() {
    Resource r = Resource.builder("orders").cursorField("updated_at").build();
    assertThat(r.strategy()).isEqualTo(SyncStrategy.TIMESTAMP_THEN_ID);
    assertThat(r.cursorField()).contains("updated_at");
  }

  @Test
  void aResourceWithoutOneFallsBackToIds() {
    Resource r = Resource.builder("technicians").build();
    assertThat(r.strategy()).isEqualTo(SyncStrategy.ID_ONLY);
    assertThat(r.idField()).isEqualTo("id");
  }

  @Test
  void hasDocumentedDefaults() {
    Resource r = Resource.builder("orders").build();
    assertThat(r.pageSize()).isEqualTo(100);
    assertThat(r.ttl()).isEmpty();
    assertThat(r.lookback()).isZero();
    assertThat(r.initialLookback()).isEqualTo(Duration.ofHours(24));
    assertThat(r.fullRefreshInterval()).isEqualTo(Duration.ofHours(24));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1orders", "orders;drop table x", "or ders", "órdenes", "a-b"})
  void rejectsNamesThatAreNotSafeIdentifiers(String name) {
    assertThatThrownBy(() -> Resource.builder(name))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid resource name");
  }

  @Test
  void rejectsOverlongNames() {
    assertThatThrownBy(() -> Resource.builder("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Resource.builder("a".repeat(63)).build().name()).hasSize(63);
  }

  @Test
  void rejectsContradictoryOrOutOfRangeSettings() {
    assertThatThrownBy(() -> Resource.builder("x").cursorField("id").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("noCursorField");
    assertThatThrownBy(() -> Resource.builder("x").pageSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resource.builder("x").ttl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resource.builder("x").lookback(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isImmutableAndCopiesIntoABuilder() {
    Resource.Builder b = Resource.builder("orders").filter("status", "open");
    Resource r = b.build();
    b.filter("other", "x");
    assertThat(r.filters()).containsOnlyKeys("status");
    assertThat(r.toBuilder().build()).isEqualTo(r);
    assertThat(r.toBuilder().pageSize(7).build().pageSize()).isEqualTo(7);
  }
}
