package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.EarlyAnswer;
import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.host.LocalHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fenced instance sends nothing more to a node, whichever way a command is run: a probe read
 * before it exits (decision 045) asks the fence as {@code run} does.
 */
class FencedHostTest {
  private static final Duration T = Duration.ofSeconds(20);
  @TempDir Path tmp;

  @Test
  void aClosedFenceStopsEveryCommandBeforeItStarts() throws Exception {
    AtomicBoolean open = new AtomicBoolean(true);
    Path marker = tmp.resolve("ran");
    FencedHost host = new FencedHost(new LocalHost("n1"), open::get);
    List<String> probe =
        List.of("sh", "-c", "touch \"$1\"; echo '{\"report\": []}'", "sh", marker.toString());

    EarlyAnswer a = host.runForDocument(probe, T);
    assertEquals("{\"report\": []}", new String(a.document(), StandardCharsets.UTF_8));
    assertTrue(EarlyAnswer.stood(a.document(), a.result().get()));
    assertTrue(marker.toFile().delete(), "the open fence let the probe run");

    open.set(false);
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> host.runForDocument(probe, T));
    assertTrue(e.getMessage().contains("fenced"), e.getMessage());
    assertThrows(HostUnreachableException.class, () -> host.run(probe, new byte[0], T));
    assertFalse(marker.toFile().exists(), "nothing ran behind the closed fence");
  }
}
