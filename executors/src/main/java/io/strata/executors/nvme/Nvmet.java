package io.strata.executors.nvme;

import io.strata.executors.layer.Command;
import java.nio.file.Path;

/**
 * The nvmet configfs tree (kernel 6.1 attribute names, cookbook §5.1) and the few commands that
 * configfs needs beyond writing attribute files: {@code mkdir} of groups, {@code ln -s} for links
 * (Host has no mkdir/symlink operation), {@code rm} of links and {@code rmdir} of groups.
 */
public final class Nvmet {
  public static final Path ROOT = Path.of("/sys/kernel/config/nvmet");

  private Nvmet() {}

  public static Path subsystems() {
    return ROOT.resolve("subsystems");
  }

  public static Path subsystem(String nqn) {
    return subsystems().resolve(checkedNqn(nqn));
  }

  public static Path namespace(String nqn, int nsid) {
    return subsystem(nqn).resolve("namespaces").resolve(String.valueOf(nsid));
  }

  /**
   * The namespace's {@code device_uuid}, derived from the NQN and nsid. The kernel gives a new
   * namespace a random one, and an initiator that reconnects to a re-created namespace (after a
   * reboot or a heal) compares identifiers, logs "identifiers changed for nsid N" and drops the
   * block device while its path stays live (seen on the lab's kernels, decision 032). A UUID that
   * depends only on the export keeps the device across re-exports and target moves.
   */
  public static String namespaceUuid(String nqn, int nsid) {
    return java.util
        .UUID
        .nameUUIDFromBytes(
            ("strata nvmet namespace " + checkedNqn(nqn) + "/" + nsid)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  public static Path allowedHosts(String nqn) {
    return subsystem(nqn).resolve("allowed_hosts");
  }

  public static Path host(String hostNqn) {
    return ROOT.resolve("hosts").resolve(checkedNqn(hostNqn));
  }

  /** The NVMe spec's limit on an NQN, in bytes. */
  public static final int MAX_NQN = 223;

  /**
   * Whether {@code nqn} can name a configfs directory: an NQN of the spec's form ({@code nqn.} or
   * the unique-identifier form, at most {@value #MAX_NQN} bytes) of printable characters without
   * {@code /}. A host NQN is read from the access node's {@code /etc/nvme/hostnqn}: a node that
   * wrote {@code ../../../etc/x} there would otherwise have Strata {@code mkdir -p} and {@code ln
   * -s} outside configfs on the target node (issue 12).
   */
  public static boolean isSafeNqn(String nqn) {
    return nqn != null
        && nqn.startsWith("nqn.")
        && nqn.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_NQN
        && nqn.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '/' && c != '\\');
  }

  static String checkedNqn(String nqn) {
    if (!isSafeNqn(nqn)) {
      throw new IllegalArgumentException(
          "'"
              + printable(nqn)
              + "' is not an NQN Strata writes to configfs (nqn.…, at most "
              + MAX_NQN
              + " printable bytes, no '/')");
    }
    return nqn;
  }

  private static String printable(String s) {
    if (s == null) {
      return "null";
    }
    String p =
        s.codePoints()
            .mapToObj(c -> c < 0x20 || c == 0x7f ? "?" : Character.toString(c))
            .reduce("", String::concat);
    return p.length() > 80 ? p.substring(0, 80) + "…" : p;
  }

  public static Path ports() {
    return ROOT.resolve("ports");
  }

  public static Path port(int id) {
    return ports().resolve(String.valueOf(id));
  }

  public static Path portSubsystems(int id) {
    return port(id).resolve("subsystems");
  }

  public static Command mkdir(Path p) {
    return Command.of("mkdir", "-p", p.toString());
  }

  public static Command link(Path target, Path link) {
    return Command.of("ln", "-s", target.toString(), link.toString());
  }

  public static Command unlink(Path link) {
    return Command.of("rm", link.toString());
  }

  public static Command rmdir(Path p) {
    return Command.of("rmdir", p.toString());
  }

  /** The preview entry of an attribute write (values here are never secret). */
  public static Command write(Path attr, String value) {
    return Command.of(Command.WRITE, attr.toString(), value);
  }

  /** {@code ipv6} when the address contains a colon, else {@code ipv4}. */
  public static String family(String address) {
    return address.contains(":") ? "ipv6" : "ipv4";
  }
}
