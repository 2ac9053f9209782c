package io.strata.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SizeTest {
  @Test
  void parsesBinaryAndDecimalUnits() {
    assertEquals(10L * Size.GIB, Size.parse("10 GiB").bytes());
    assertEquals(1_500_000_000L, Size.parse("1.5GB").bytes());
    assertEquals(3L * Size.TIB / 2, Size.parse("1.5 TiB").bytes());
    assertEquals(4096, Size.parse("4096").bytes());
  }

  @Test
  void refusesZeroNegativeAndUnknownUnits() {
    assertThrows(IllegalArgumentException.class, () -> Size.parse("0"));
    assertThrows(IllegalArgumentException.class, () -> Size.parse("-1 GiB"));
    assertThrows(IllegalArgumentException.class, () -> Size.parse("10 GB2"));
    assertThrows(IllegalArgumentException.class, () -> Size.parse("10 XB"));
  }

  @Property
  void formatRoundTrips(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long bytes) {
    Size s = Size.ofBytes(bytes);
    assertEquals(s, Size.parse(s.format()));
  }
}
