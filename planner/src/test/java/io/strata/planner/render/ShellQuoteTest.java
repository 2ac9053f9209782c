package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
  @Test
  void leavesSafeWordsAlone() {
    assertEquals(
        "lvcreate -n pg-data_00000 -L 10737418240b vg0/thin0 strata:owner=x nqn.2014-08.io.strata:a",
        ShellQuote.join(
            List.of(
                "lvcreate",
                "-n",
                "pg-data_00000",
                "-L",
                "10737418240b",
                "vg0/thin0",
                "strata:owner=x",
                "nqn.2014-08.io.strata:a")));
  }

  @Test
  void singleQuotesEverythingElse() {
    assertEquals("'a b'", ShellQuote.quote("a b"));
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    assertEquals("'$HOME'", ShellQuote.quote("$HOME"));
    assertEquals("'a|b'", ShellQuote.quote("a|b"));
    assertEquals("'*'", ShellQuote.quote("*"));
    assertEquals(
        "lvs --config 'devices { filter=[\"a|^/dev/sdb$|\", \"r|.*|\"] }'",
        ShellQuote.join(
            List.of("lvs", "--config", "devices { filter=[\"a|^/dev/sdb$|\", \"r|.*|\"] }")));
  }
}
