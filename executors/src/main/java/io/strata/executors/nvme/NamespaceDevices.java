package io.strata.executors.nvme;

import io.strata.executors.host.FileTree;
import io.strata.executors.host.Host;
import io.strata.planner.observed.NvmeConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The initiator's namespace block devices, per subsystem NQN, from sysfs in one {@link
 * Host#readTree}: with native multipath (Debian's default) each subsystem is {@code
 * /sys/devices/virtual/nvme-subsystem/nvme-subsysN/} with its {@code subsysnqn} and one directory
 * per namespace disk ({@code nvmeNnM}). {@code nvme list-subsys} shows a path as {@code live} even
 * when the kernel dropped the namespace behind it ("identifiers changed for nsid 1" after the
 * target re-created it, decision 032); only this listing tells.
 */
final class NamespaceDevices {
  static final Path ROOT = Path.of("/sys/devices/virtual/nvme-subsystem");

  private static final Pattern DISK = Pattern.compile("nvme[0-9]+n[0-9]+");

  private NamespaceDevices() {}

  /**
   * The namespace disks of each subsystem sysfs shows, sorted; a subsystem without one maps to an
   * empty list. Empty when the tree does not exist (no native multipath): nothing is known then.
   */
  static Map<String, List<String>> read(Host host) {
    FileTree t = host.readTree(ROOT, 2, List.of("subsysnqn"));
    Map<String, List<String>> out = new TreeMap<>();
    for (String subsys : t.list(host, ROOT)) {
      Path dir = ROOT.resolve(subsys);
      String nqn =
          t.read(host, dir.resolve("subsysnqn"))
              .map(b -> new String(b, StandardCharsets.UTF_8).strip())
              .orElse("");
      if (nqn.isEmpty()) {
        continue;
      }
      List<String> disks = new ArrayList<>();
      for (String e : t.list(host, dir)) {
        if (DISK.matcher(e).matches()) {
          disks.add(e);
        }
      }
      out.computeIfAbsent(nqn, k -> new ArrayList<>()).addAll(disks);
    }
    out.replaceAll((k, v) -> v.stream().sorted().toList());
    return out;
  }

  /**
   * The connections with the device sysfs shows for each live one: its first namespace disk, or
   * none (null) when sysfs shows the subsystem without any. A subsystem sysfs does not show keeps
   * the device {@code nvme list-subsys} implied.
   */
  static List<NvmeConnection> resolve(
      List<NvmeConnection> connections, Map<String, List<String>> disks) {
    List<NvmeConnection> out = new ArrayList<>();
    for (NvmeConnection c : connections) {
      List<String> d = disks.get(c.nqn());
      if (!c.live() || d == null) {
        out.add(c);
      } else {
        out.add(c.withDevice(d.isEmpty() ? null : "/dev/" + d.get(0)));
      }
    }
    return out;
  }
}
