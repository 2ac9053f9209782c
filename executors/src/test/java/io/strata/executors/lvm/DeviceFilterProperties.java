package io.strata.executors.lvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The anchored, escaped filter admits exactly the PV's path (LVM filters are POSIX EREs). */
class DeviceFilterProperties {
  @Property(tries = 300)
  void acceptsExactlyThePath(
      @ForAll
          @StringLength(min = 1, max = 30)
          @CharRange(from = 'a', to = 'z')
          @Chars({'.', '+', '*', '?', '(', ')', '[', ']', '{', '}', '^', '$', '-', '_', '/', ':'})
          String tail) {
    String path = "/dev/" + tail;
    String filter = LvmCommands.deviceFilter(List.of(path));
    String regex = filter.substring(filter.indexOf("'a|") + 3, filter.indexOf("|'"));
    Pattern p = Pattern.compile(regex);
    assertTrue(p.matcher(path).matches(), regex);
    assertFalse(p.matcher(path + "1").find(), regex);
    assertFalse(p.matcher("/dev/x" + tail).find(), regex);
  }
}
