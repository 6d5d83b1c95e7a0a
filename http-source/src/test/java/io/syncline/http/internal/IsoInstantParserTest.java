package io.syncline.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IsoInstantParserTest {

  @Property(tries = 5000)
  void readsEveryCommonShapeAsTheJdkDoes(@ForAll("common") String text) {
    assertThat(IsoInstantParser.parse(text)).as(text).isNotNull().isEqualTo(jdk(text));
  }

  @Property(tries = 5000)
  void neverReadsTextTheJdkReadsDifferentlyOrRejects(@ForAll("mangled") String text) {
    Instant fast = IsoInstantParser.parse(text);
    if (fast != null) {
      assertThat(fast).as(text).isEqualTo(jdk(text));
    }
  }

  @Test
  void leavesTheRareShapesToTheJdk() {
    for (String text : new String[] {"2026-01-01t10:00:00z", "2016-12-31T23:59:60Z", "2026-02-30T10:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.1234567891Z", "+12026-01-01T10:00:00Z",
        "2026-01-01T10:00:00+18:00", "2026-01-01T10:00:00+0100", "2026-01-01T10:00Z", "2026-01-01 10:00:00Z"}) {
      assertThat(IsoInstantParser.parse(text)).as(text).isNull();
    }
  }

  /** What the JDK's parsers read, the oracle: {@code Instant.parse}, then {@code OffsetDateTime.parse}. */
  private static Instant jdk(String text) {
    List<Function<String, Instant>> parsers = List.of(Instant::parse, t -> OffsetDateTime.parse(t).toInstant());
    for (Function<String, Instant> parser : parsers) {
      try {
        return parser.apply(text);
      } catch (DateTimeParseException rejected) {
        // the next parser, or none
      }
    }
    return null;
  }

  @Provide
  Arbitrary<String> common() {
    Arbitrary<Instant> instants = Arbitraries.longs().between(-62_000_000_000L, 253_000_000_000L)
        .map(Instant::ofEpochSecond);
    Arbitrary<String> fractions = Arbitraries.integers().between(0, 9).flatMap(digits -> digits == 0
        ? Arbitraries.just("") : Arbitraries.strings().numeric().ofLength(digits).map(f -> "." + f));
    Arbitrary<String> offsets = Arbitraries.oneOf(Arbitraries.just("Z"),
        Combinators.combine(Arbitraries.of("+", "-"), Arbitraries.integers().between(0, 17),
            Arbitraries.integers().between(0, 59)).as((sign, h, m) -> String.format("%s%02d:%02d", sign, h, m)));
    return Combinators.combine(instants, fractions, offsets).as((instant, fraction, offset) ->
        instant.toString().substring(0, 19) + fraction + offset);
  }

  @Provide
  Arbitrary<String> mangled() {
    return common().flatMap(text -> Arbitraries.integers().between(0, text.length() - 1).flatMap(at ->
        Arbitraries.of('0', '9', '3', 'Z', 'z', 'T', '+', '-', ':', '.', ' ', '6', '2')
            .map(c -> text.substring(0, at) + c + text.substring(at + 1))));
  }
}
