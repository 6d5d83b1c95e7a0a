package io.syncline.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTextTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void writesWhatTheFormatterWritesForEdgesOfTheFourDigitYears() {
    for (Instant i : List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("2024-02-29T12:34:56.000001Z"), Instant.parse("9999-12-31T23:59:59.999999Z"))) {
      assertEquals(REFERENCE.format(i), IsoInstantText.format(i), i.toString());
    }
  }

  @Test
  void writesWhatTheFormatterWritesForRandomInstants() {
    SplittableRandom random = new SplittableRandom(11);
    for (int n = 0; n < 20_000; n++) {
      Instant i = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000) * 1000);
      assertEquals(REFERENCE.format(i), IsoInstantText.format(i), i.toString());
    }
  }

  @Test
  void fallsBackToTheFormatterOutsideThem() {
    Instant far = Instant.parse("+10000-01-01T00:00:00Z");
    assertEquals(REFERENCE.format(far), IsoInstantText.format(far));
  }
}
