package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void colourOnlyOnATerminalWithoutNoColor() {
    assertTrue(Terminal.colorWanted(Map.of("TERM", "xterm-256color"), true));
    assertFalse(Terminal.colorWanted(Map.of(), false));
    assertFalse(Terminal.colorWanted(Map.of("NO_COLOR", "1"), true));
    assertTrue(Terminal.colorWanted(Map.of("NO_COLOR", ""), true), "empty NO_COLOR is unset");
    assertFalse(Terminal.colorWanted(Map.of("TERM", "dumb"), true));
  }
}
