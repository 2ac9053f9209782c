package io.strata.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of {@link Size}: exact parsing in every unit, round trips, order. */
class SizeProperties {
  static final Map<String, Long> UNITS =
      Map.ofEntries(
          Map.entry("", 1L),
          Map.entry("B", 1L),
          Map.entry("K", Size.KIB),
          Map.entry("k", Size.KIB),
          Map.entry("KiB", Size.KIB),
          Map.entry("M", Size.MIB),
          Map.entry("MiB", Size.MIB),
          Map.entry("G", Size.GIB),
          Map.entry("GiB", Size.GIB),
          Map.entry("T", Size.TIB),
          Map.entry("TiB", Size.TIB),
          Map.entry("P", Size.PIB),
          Map.entry("PiB", Size.PIB),
          Map.entry("kB", 1_000L),
          Map.entry("MB", 1_000_000L),
          Map.entry("GB", 1_000_000_000L),
          Map.entry("TB", 1_000_000_000_000L),
          Map.entry("PB", 1_000_000_000_000_000L));

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.of(UNITS.keySet().stream().sorted().toList());
  }

  @Property
  void formatThenParseIsIdentity(@ForAll @LongRange(min = 1) long bytes) {
    Size s = Size.ofBytes(bytes);
    assertEquals(s, Size.parse(s.format()));
  }

  @Property
  void formatKeepsOrder(@ForAll @LongRange(min = 1) long a, @ForAll @LongRange(min = 1) long b) {
    Size x = Size.parse(Size.ofBytes(a).format());
    Size y = Size.parse(Size.ofBytes(b).format());
    assertEquals(Long.signum(Long.compare(a, b)), Integer.signum(x.compareTo(y)));
  }

  /**
   * Every unit times every fraction is exact: {@code n.f U} is ceil((n + f/10^k) × U) bytes,
   * computed here in integers only, so no double rounding can hide.
   */
  @Property
  void everyUnitAndFractionIsExact(
      @ForAll @LongRange(min = 0, max = 100_000) long whole,
      @ForAll @IntRange(min = 0, max = 999_999) int fraction,
      @ForAll @IntRange(min = 1, max = 6) int digits,
      @ForAll("units") String unit,
      @ForAll boolean space) {
    String frac = String.format("%06d", fraction).substring(0, digits);
    String text = whole + "." + frac + (space && !unit.isEmpty() ? " " : "") + unit;
    BigInteger scale = BigInteger.TEN.pow(digits);
    BigInteger numerator =
        BigInteger.valueOf(whole)
            .multiply(scale)
            .add(new BigInteger(frac))
            .multiply(BigInteger.valueOf(UNITS.get(unit)));
    BigInteger[] qr = numerator.divideAndRemainder(scale);
    BigInteger expected = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    if (expected.signum() == 0) {
      assertThrows(IllegalArgumentException.class, () -> Size.parse(text));
    } else if (expected.bitLength() > 63) {
      assertThrows(IllegalArgumentException.class, () -> Size.parse(text));
    } else {
      assertEquals(expected.longValueExact(), Size.parse(text).bytes(), text);
    }
  }

  @Property
  void wholeNumbersInEveryUnitAreExactUpToTheLimit(
      @ForAll @LongRange(min = 1) long n, @ForAll("units") String unit) {
    BigInteger expected = BigInteger.valueOf(n).multiply(BigInteger.valueOf(UNITS.get(unit)));
    String text = n + " " + unit;
    if (unit.isEmpty()) {
      assertEquals(n, Size.parse(String.valueOf(n)).bytes());
    } else if (expected.bitLength() > 63) {
      assertThrows(IllegalArgumentException.class, () -> Size.parse(text));
    } else {
      assertEquals(expected.longValueExact(), Size.parse(text).bytes());
    }
  }

  @Property
  void withOrWithoutSpaceIsTheSame(
      @ForAll @LongRange(min = 1, max = 8191) long n, @ForAll("units") String unit) {
    assertEquals(Size.parse(n + unit), Size.parse(unit.isEmpty() ? n + "" : n + " " + unit));
  }

  @Example
  void oneAndAHalfGibIsThreeHalfGibExactly() {
    assertEquals(3 * 512 * Size.MIB, Size.parse("1.5 GiB").bytes());
    assertEquals(1_500_000_000L, Size.parse("1.5 GB").bytes());
    assertEquals(Size.parse("1536 MiB"), Size.parse("1.5GiB"));
  }

  @Example
  void valuesNearEightEibAreExact() {
    assertEquals(Long.MAX_VALUE, Size.parse(Long.toString(Long.MAX_VALUE)).bytes());
    assertEquals(8191 * Size.PIB, Size.parse("8191 PiB").bytes());
    assertEquals(8191 * Size.PIB + Size.PIB / 2, Size.parse("8191.5 PiB").bytes());
    // 8192 PiB is 2^63: one byte too many
    assertThrows(IllegalArgumentException.class, () -> Size.parse("8192 PiB"));
    assertThrows(IllegalArgumentException.class, () -> Size.parse("9223372036854775808"));
    // (2^63 - 1) / 2^50 written out exactly; a double would round it to 8192 and overflow.
    assertEquals(
        Long.MAX_VALUE,
        Size.parse("8191.99999999999999911182158029987476766109466552734375 PiB").bytes());
  }

  @Example
  void refusesWhatIsNotASize() {
    for (String bad :
        new String[] {
          "",
          " ",
          "GiB",
          "1,5 GiB",
          "1e9",
          "+5",
          "0x10",
          "1.5.2 GiB",
          "10  GiB",
          "10\tGiB",
          "10 gib",
          "1 EiB",
          "-0",
          "1 " + "0".repeat(100)
        }) {
      assertThrows(IllegalArgumentException.class, () -> Size.parse(bad), "'" + bad + "'");
    }
  }

  @Example
  void refusesOverlongTextQuickly() {
    String huge = "1".repeat(4_000_000);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Size.parse(huge));
    assertTrue(e.getMessage().contains("characters long"));
  }
}
