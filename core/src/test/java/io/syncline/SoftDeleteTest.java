package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoftDeleteTest {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
  private static final Optional<Instant> UPDATED = Optional.of(T);

  @Test
  void onlyTopLevelFieldsCountNotNestedOnesOrFieldsInsideStrings() {
    SoftDelete p = SoftDelete.whenEquals("status", "deleted");
    String nested = "{\"id\":1,\"note\":\"\\\"status\\\":\\\"deleted\\\"\",\"site\":{\"status\":\"deleted\"},"
        + "\"tags\":[{\"status\":\"deleted\"}],\"status\":\"open\"}";

    assertThat(p.deletedAt(nested, UPDATED, T)).isEmpty();
    assertThat(p.deletedAt("{\"site\":{\"a\":[1,{\"b\":\"}\"}]},\"status\" : \"deleted\"}", UPDATED, T))
        .contains(T);
  }

  @Test
  void aPresentTimestampIsTheDeletionTimeButNeverBeforeTheVersion() {
    SoftDelete p = SoftDelete.whenPresent("deleted_at");

    assertThat(p.deletedAt("{\"deleted_at\":\"2026-11-28T11:00:00+01:00\"}", Optional.empty(), T))
        .contains(T);
    assertThat(p.deletedAt("{\"deleted_at\":\"2026-11-28T12:00:00Z\"}", UPDATED, T))
        .contains(T.plusSeconds(7200));
    assertThat(p.deletedAt("{\"deleted_at\":\"2026-11-28T09:00:00Z\"}", UPDATED, T)).contains(T);
    assertThat(p.deletedAt("{\"deleted_at\":\"yesterday\"}", UPDATED, T.plusSeconds(5))).contains(T);
    assertThat(p.deletedAt("{\"deleted_at\":null}", UPDATED, T)).isEmpty();
    assertThat(p.deletedAt("{}", UPDATED, T)).isEmpty();
  }

  @Test
  void aTrueFlagAndUnparsableTextAreReadSafely() {
    SoftDelete p = SoftDelete.whenTrue("deleted");

    assertThat(p.deletedAt("{\"deleted\":true}", Optional.empty(), T)).contains(T);
    assertThat(p.deletedAt("{\"deleted\":false}", UPDATED, T)).isEmpty();
    assertThat(p.deletedAt("not json", UPDATED, T)).isEmpty();
    assertThat(SoftDelete.NONE.deletedAt("{\"deleted\":true}", UPDATED, T)).isEmpty();
    assertThatThrownBy(() -> SoftDelete.whenTrue(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
