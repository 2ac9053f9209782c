package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strata.executors.layer.FakeHost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnceHostTest {
  @Test
  void aProbeTwoLayersAskIsRunOnceAndAnythingWithStdinEveryTime() {
    FakeHost fake = new FakeHost("alpha");
    fake.ok(List.of("nvme"), "{}");
    fake.fail(List.of("lvs"), 5, "no");
    fake.ok(List.of("cryptsetup"), "");
    OnceHost once = new OnceHost(fake);
    Duration t = Duration.ofSeconds(1);
    Result first = once.run(List.of("nvme", "list-subsys", "-o", "json"), new byte[0], t);
    assertSame(first, once.run(List.of("nvme", "list-subsys", "-o", "json"), new byte[0], t));
    once.run(List.of("lvs"), new byte[0], t);
    assertEquals(5, once.run(List.of("lvs"), null, t).exitCode()); // failures are answers too
    once.run(List.of("cryptsetup", "open"), new byte[] {1}, t);
    once.run(List.of("cryptsetup", "open"), new byte[] {1}, t);
    assertEquals(
        List.of("nvme list-subsys -o json", "lvs", "cryptsetup open", "cryptsetup open"),
        fake.commands());
  }
}
