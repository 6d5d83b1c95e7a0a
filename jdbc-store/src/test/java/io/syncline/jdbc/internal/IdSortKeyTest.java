package io.syncline.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.IdOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdSortKeyTest {
  @Test
  void numericIdsBecomeTheirDigitCountOnThreeDigitsAndTheirDigits() {
    assertEquals("00019", IdSortKey.of("9"));
    assertEquals("000210", IdSortKey.of("10"));
    assertEquals("000210", IdSortKey.of("0010"));
    assertEquals("00010", IdSortKey.of("0"));
    assertEquals("0255" + "7".repeat(255), IdSortKey.of("7".repeat(255)));
    assertEquals("0100" + "1".repeat(100), IdSortKey.of("1".repeat(100)));
  }

  @Test
  void otherIdsSortAfterEveryNumericOne() {
    assertEquals("1cus_9", IdSortKey.of("cus_9"));
    assertTrue(IdSortKey.of("9".repeat(200)).compareTo(IdSortKey.of("a")) < 0);
  }

  @Test
  void keysSortAsIdOrderDoes() {
    List<String> ids = List.of("0", "1", "2", "9", "10", "11", "99", "100", "1000", "12345678901234567890", "A", "a", "b");
    for (String a : ids) {
      for (String b : ids) {
        assertEquals(Integer.signum(IdOrder.INSTANCE.compare(a, b)), Integer.signum(IdSortKey.of(a).compareTo(IdSortKey.of(b))),
            a + " vs " + b);
      }
    }
  }
}
