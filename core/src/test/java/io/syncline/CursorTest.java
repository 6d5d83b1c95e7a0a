package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorTest {

  private static final Instant T = Instant.parse("2026-11-28T10:00:00.123Z");

  @Test
  void numericIdsCompareAsNumbers() {
    assertThat(IdOrder.INSTANCE.compare("9", "10")).isNegative();
    assertThat(IdOrder.INSTANCE.compare("100", "99")).isPositive();
    assertThat(IdOrder.INSTANCE.compare("007", "7")).isZero();
    assertThat(IdOrder.INSTANCE.compare("99999999999999999999999", "1")).isPositive();
    assertThat(IdOrder.INSTANCE.compare("10", "abc")).isNegative();
    assertThat(IdOrder.INSTANCE.compare("b", "a")).isPositive();
  }

  @Test
  void aTimestampedPositionBreaksTiesById() {
    Cursor.Timestamped c = Cursor.Timestamped.after(T, "9");
    assertThat(c.isBefore(T, "10")).isTrue();
    assertThat(c.isBefore(T, "9")).isFalse();
    assertThat(c.isBefore(T, "8")).isFalse();
    assertThat(c.isBefore(T.plusMillis(1), "1")).isTrue();
    assertThat(c.isBefore(T.minusMillis(1), "100")).isFalse();
  }

  @Test
  void aPositionWithoutIdIncludesTheWholeInstant() {
    Cursor.Timestamped c = Cursor.Timestamped.atOrAfter(T);
    assertThat(c.isBefore(T, "1")).isTrue();
    assertThat(c.isBefore(T.minusMillis(1), "1")).isFalse();
    assertThat(Cursor.order().compare(c, Cursor.Timestamped.after(T, "1"))).isNegative();
  }

  @Test
  void knowsItsGranularity() {
    assertThat(Cursor.Timestamped.after(T, "1").nextInstant(Duration.ofMillis(1)))
        .isEqualTo(Instant.parse("2026-11-28T10:00:00.124Z"));
    assertThat(Cursor.Timestamped.after(T, "1").inclusiveLowerBound()).isEqualTo(T);
  }

  @Test
  void encodesAndDecodesLosslessly() {
    for (Cursor c : new Cursor[] {Cursor.Timestamped.after(T, "42"), Cursor.Timestamped.atOrAfter(T),
        new Cursor.IdOnly("12345678901234567890"), Cursor.Timestamped.after(T, "a|b:c")}) {
      assertThat(Cursor.decode(c.encode())).isEqualTo(c);
    }
  }

  @Test
  void rejectsTextThatIsNotACursor() {
    assertThatThrownBy(() -> Cursor.decode("garbage")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage");
    assertThatThrownBy(() -> Cursor.decode("ts:not-a-time")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxPrefersTheLaterPosition() {
    Optional<Cursor> a = Optional.of(Cursor.Timestamped.after(T, "5"));
    Optional<Cursor> b = Optional.of(Cursor.Timestamped.after(T, "40"));
    assertThat(Cursor.max(a, b)).isEqualTo(b);
    assertThat(Cursor.max(b, Optional.empty())).isEqualTo(b);
    assertThatThrownBy(() -> Cursor.order().compare(a.get(), new Cursor.IdOnly("1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkpointsRoundTripThroughText() {
    Checkpoint cp = new Checkpoint(Optional.of(new Cursor.IdOnly("300")), Optional.of("page=4&x=a b"),
        Optional.of(DateRange.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))), T,
        Optional.of(T.minusSeconds(300)), 3, 300);
    assertThat(Checkpoint.decode(cp.encode())).isEqualTo(cp);
    Checkpoint fresh = Checkpoint.start(Optional.empty(), T);
    assertThat(Checkpoint.decode(fresh.encode())).isEqualTo(fresh);
    assertThatThrownBy(() -> Checkpoint.decode("v9&x=1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dateRangesRejectEmptyRanges() {
    assertThatThrownBy(() -> DateRange.between(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("swap");
    assertThat(DateRange.parse("2026-01-01..")).isEqualTo(DateRange.startingAt(LocalDate.of(2026, 1, 1)));
  }
}
