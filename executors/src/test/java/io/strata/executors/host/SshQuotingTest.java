package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.planner.render.ShellQuote;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The one quoter ({@link ShellQuote}) as SSH exec requests use it, checked by a real sh. */
class SshQuotingTest {
  @Test
  void quotesExactly() {
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    assertEquals("'$x; rm -rf /'", ShellQuote.quote("$x; rm -rf /"));
    assertEquals("a 'b c'", ShellQuote.join(List.of("a", "b c")));
    assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
  }

  @Test
  void sshCommandLineWithSudo() {
    SshHostConfig cfg =
        new SshHostConfig(
            "n",
            "10.0.0.1",
            22,
            "strata",
            null,
            Path.of("/k"),
            true,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    // Rendering the remote command needs only the config; no connection is made.
    try (SshTransport transport = SshTransport.start()) {
      SshHost h = new SshHost(cfg, transport, List.of(), 1);
      assertEquals(
          "sudo -n -- env LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1 lvs -o 'lv name'",
          h.remoteCommand(List.of("lvs", "-o", "lv name")));
    }
  }

  /** A real /bin/sh parses the quoted string back into exactly the original argument. */
  @Property(tries = 60)
  void shellParsesQuotedBackToTheOriginal(
      @ForAll @StringLength(max = 20) @CharRange(from = 1, to = 0x7f) String s) {
    Result r =
        new LocalHost("l")
            .run(
                List.of("sh", "-c", "printf %s " + ShellQuote.quote(s)),
                new byte[0],
                Duration.ofSeconds(10));
    assertEquals(s, r.out());
  }
}
