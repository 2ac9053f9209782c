package io.strata.executors.drbd;

import io.strata.executors.host.Host;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DRBD version of the loaded kernel module, from the first line of {@code /proc/drbd} ({@code
 * version: 8.4.11 (api:1/proto:86-101)}, fixture vm-proc-drbd-synced). Distribution kernels carry
 * 8.4, whose drbdsetup has no {@code --json}: Strata needs DRBD 9 (ARCHITECTURE.md §8).
 */
final class KernelDrbd {
  static final Path PROC = Path.of("/proc/drbd");
  private static final Pattern VERSION = Pattern.compile("^version: ([0-9]+)\\.([0-9][^ \\n]*)");

  private KernelDrbd() {}

  /** The module's version when it is older than DRBD 9; empty when 9 or unknown. */
  static Optional<String> olderThan9(Host host) {
    return host.readFile(PROC)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .flatMap(KernelDrbd::olderThan9);
  }

  static Optional<String> olderThan9(String procDrbd) {
    Matcher m = VERSION.matcher(procDrbd);
    if (!m.find()) {
      return Optional.empty();
    }
    return Integer.parseInt(m.group(1)) < 9
        ? Optional.of(m.group(1) + "." + m.group(2))
        : Optional.empty();
  }
}
