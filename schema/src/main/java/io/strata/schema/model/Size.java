package io.strata.schema.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, parsed exactly as ARCHITECTURE.md §4: a plain byte count, or a number (fractions
 * allowed) with a binary ({@code KiB MiB GiB TiB PiB}, also {@code K M G T P k}) or decimal ({@code
 * kB MB GB TB PB}) unit, optionally separated by a space. Arithmetic is exact (BigDecimal); a
 * fraction that does not land on a whole byte is rounded up, since a volume may be larger but never
 * smaller than asked.
 */
public record Size(long bytes) implements Comparable<Size> {
  public static final long KIB = 1024L;
  public static final long MIB = KIB * 1024;
  public static final long GIB = MIB * 1024;
  public static final long TIB = GIB * 1024;
  public static final long PIB = TIB * 1024;

  private static final int MAX_TEXT = 64;

  private static final Pattern SYNTAX = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)$");

  private static final Map<String, Long> UNITS =
      Map.ofEntries(
          Map.entry("", 1L),
          Map.entry("B", 1L),
          Map.entry("k", KIB),
          Map.entry("K", KIB),
          Map.entry("KiB", KIB),
          Map.entry("M", MIB),
          Map.entry("MiB", MIB),
          Map.entry("G", GIB),
          Map.entry("GiB", GIB),
          Map.entry("T", TIB),
          Map.entry("TiB", TIB),
          Map.entry("P", PIB),
          Map.entry("PiB", PIB),
          Map.entry("kB", 1_000L),
          Map.entry("KB", 1_000L),
          Map.entry("MB", 1_000_000L),
          Map.entry("GB", 1_000_000_000L),
          Map.entry("TB", 1_000_000_000_000L),
          Map.entry("PB", 1_000_000_000_000_000L));

  private static final String[] BINARY_UNITS = {"PiB", "TiB", "GiB", "MiB", "KiB"};
  private static final long[] BINARY_FACTORS = {PIB, TIB, GIB, MIB, KIB};

  public Size {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a size must be positive, got " + bytes + " bytes");
    }
  }

  public static Size ofBytes(long bytes) {
    return new Size(bytes);
  }

  /**
   * Parses a manifest size. Throws {@link IllegalArgumentException} with a message that says what
   * is accepted when the text is not a positive size with a known unit.
   */
  public static Size parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("size is missing");
    }
    String t = text.strip();
    if (t.length() > MAX_TEXT) {
      // BigDecimal parsing is superlinear in the digits; a real size never needs this many.
      throw new IllegalArgumentException(
          "size '"
              + t.substring(0, 16)
              + "…' is "
              + t.length()
              + " characters long; write it shorter");
    }
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("size '" + text + "' is negative; sizes must be positive");
    }
    Matcher m = SYNTAX.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "size '" + text + "' is not a number with an optional unit such as '10 GiB' or '500MB'");
    }
    Long factor = UNITS.get(m.group(2));
    if (factor == null) {
      throw new IllegalArgumentException(
          "size '"
              + text
              + "' has unknown unit '"
              + m.group(2)
              + "'; use KiB MiB GiB TiB PiB (or K M G T P) or kB MB GB TB PB");
    }
    BigDecimal exact = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
    BigInteger whole = exact.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    if (whole.signum() == 0) {
      throw new IllegalArgumentException("size '" + text + "' is zero; sizes must be positive");
    }
    if (whole.bitLength() > 63) {
      throw new IllegalArgumentException("size '" + text + "' is larger than 8 EiB");
    }
    return new Size(whole.longValueExact());
  }

  /** Rounds up to a multiple of {@code unit} bytes (an LVM extent, a ZFS volblocksize). */
  public Size roundUpTo(long unit) {
    long rem = bytes % unit;
    return rem == 0 ? this : new Size(Math.addExact(bytes, unit - rem));
  }

  public Size plus(long more) {
    return new Size(Math.addExact(bytes, more));
  }

  /**
   * The shortest exact rendering: the largest binary unit that divides the size evenly ({@code
   * 10GiB}), else a plain byte count. {@code parse(format())} always gives back this size.
   */
  public String format() {
    for (int i = 0; i < BINARY_UNITS.length; i++) {
      if (bytes % BINARY_FACTORS[i] == 0) {
        return (bytes / BINARY_FACTORS[i]) + BINARY_UNITS[i];
      }
    }
    return Long.toString(bytes);
  }

  /** A human rendering that may round ({@code 10.2 GiB}); for display only, never for parsing. */
  public String human() {
    for (int i = 0; i < BINARY_UNITS.length; i++) {
      if (bytes >= BINARY_FACTORS[i]) {
        BigDecimal v =
            BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(BINARY_FACTORS[i]), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return v.toPlainString() + " " + BINARY_UNITS[i];
      }
    }
    return bytes + " B";
  }

  @Override
  public int compareTo(Size o) {
    return Long.compare(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return format();
  }
}
