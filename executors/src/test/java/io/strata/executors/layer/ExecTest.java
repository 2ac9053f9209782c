package io.strata.executors.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.EarlyAnswer;
import io.strata.executors.host.ForwardingHost;
import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

  /**
   * A report read before its tool exited (decision 045) stands only if the tool then exited 0 and
   * wrote nothing more; otherwise the node's observation fails as if the failure had come first.
   */
  @Test
  void aDocumentReadEarlyStandsOnlyWhenItsToolEndsCleanly() {
    List<String> argv = List.of("lvm", "fullreport");
    record Case(Result ended, String failure) {}
    for (Case c :
        List.of(
            new Case(new Result(argv, 0, utf8("{}\n"), new byte[0], false), null),
            new Case(
                new Result(argv, 5, utf8("{}\n"), utf8("VG vg0 not found\n"), false),
                "n1: `lvm fullreport` exited 5: VG vg0 not found"),
            new Case(
                new Result(argv, 0, utf8("{}\n{}\n"), new byte[0], false),
                "n1: `lvm fullreport` wrote more after its JSON document"))) {
      Host node = new FakeHost("n1").on(argv, a -> c.ended());
      Host early =
          new ForwardingHost() {
            @Override
            public Host delegate() {
              return node;
            }

            @Override
            public EarlyAnswer runForDocument(List<String> a, Duration timeout) {
              return EarlyAnswer.handedOver(delegate().run(a, new byte[0], timeout));
            }
          };
      NodeStateBuilder b = new NodeStateBuilder("n1");
      assertEquals("{}", Exec.document(early, Command.of("lvm", "fullreport"), b), "read early");
      if (c.failure() == null) {
        b.buildTentative().confirmed();
      } else {
        ObservationException e =
            assertThrows(ObservationException.class, () -> b.buildTentative().confirmed());
        assertEquals(c.failure(), e.getMessage());
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
