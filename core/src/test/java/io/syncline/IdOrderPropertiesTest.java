package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IdOrderPropertiesTest {

  @Property(tries = 2000)
  void numericIdsCompareAsTheirValues(@ForAll("digits") String a, @ForAll("digits") String b) {
    assertThat(Integer.signum(IdOrder.INSTANCE.compare(a, b)))
        .isEqualTo(new BigInteger(a).compareTo(new BigInteger(b)));
  }

  @Property(tries = 2000)
  void theOrderIsAntisymmetricOverAnyIds(@ForAll("ids") String a, @ForAll("ids") String b) {
    assertThat(Integer.signum(IdOrder.INSTANCE.compare(a, b))).isEqualTo(-Integer.signum(IdOrder.INSTANCE.compare(b, a)));
  }

  @Property(tries = 1000)
  void theOrderIsTransitiveOverAnyIds(@ForAll("ids") String a, @ForAll("ids") String b, @ForAll("ids") String c) {
    if (IdOrder.INSTANCE.compare(a, b) <= 0 && IdOrder.INSTANCE.compare(b, c) <= 0) {
      assertThat(IdOrder.INSTANCE.compare(a, c)).isNotPositive();
    }
  }

  @Provide
  Arbitrary<String> digits() {
    return Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(25)
        .edgeCases(c -> c.add("0").add("000").add("0010"));
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(digits(), Arbitraries.strings().withChars("0123456789ab-").ofMinLength(1).ofMaxLength(8));
  }
}
