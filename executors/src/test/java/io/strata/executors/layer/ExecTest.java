package io.strata.executors.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecTest {
  static ApplyOutcome classify(int rc, String err) {
    return Exec.failure("x", Result.failed(List.of("tool", "arg"), rc, err));
  }

  @Test
  void transientOnlyForWhatARetryMayFix() {
    for (String t :
        List.of(
            "  Giving up waiting for lock.",
            "Device or resource busy",
            "Concurrent state changes detected and aborted",
            "Connection reset by peer",
            "Device is held open by someone")) {
      assertInstanceOf(ApplyOutcome.Transient.class, classify(5, t), t);
    }
    for (String t :
        List.of(
            "'volsize' must be a multiple of volume block size (8K)",
            "  Invalid argument for --addtag",
            "  Volume group \"vg0\" has insufficient free space (436 extents): 2560 required.")) {
      assertInstanceOf(ApplyOutcome.Terminal.class, classify(1, t), t);
    }
    assertInstanceOf(
        ApplyOutcome.Transient.class,
        Exec.failure("x", new Result(List.of("t"), -1, new byte[0], new byte[0], true)));
  }

  @Test
  void theMessageSaysWhatRanAndWhatItSaid() {
    ApplyOutcome o = classify(5, "line one\nline two\nline three\nline four");
    assertEquals("x: `tool arg` exited 5: line one | line two | line three", o.describe());
    assertFalse(o.success());
  }

  @Test
  void commandsNeverPrintSecretStdin() {
    Command c = Command.withSecret(List.of("cryptsetup", "open"), "pw".getBytes());
    assertEquals("cryptsetup open <stdin: redacted>", c.toString());
    assertTrue(c.secretStdin());
    assertEquals(Command.of("a", "b"), Command.of(List.of("a", "b")));
  }
}
