package io.strata.executors.lvm;

import io.strata.executors.layer.Json;
import io.strata.planner.observed.NvmeSubsystem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The block devices of NVMe-oF subsystems Strata's initiator imported on a node, as LVM reject
 * patterns. With native multipath ({@code nvme_core.multipath=Y}, Debian's default) a namespace is
 * {@code /dev/nvme<subsystem instance>n<nsid>} and its per-path devices {@code
 * /dev/nvme<s>c<controller>n<nsid>}; without it, {@code /dev/nvme<controller>n<nsid>}. Both
 * numberings start at 0 independently, so only the names the kernel's mode uses are rejected — else
 * a local SSD whose number happens to match would vanish from discovery. When the mode is unknown,
 * both are rejected.
 *
 * @param subsystems instance numbers of Strata subsystems ({@code nvme-subsys3} → 3)
 * @param controllers instance numbers of their controllers ({@code nvme1} → 1)
 * @param multipath the kernel's {@code nvme_core} multipath mode; null when unknown
 */
public record ImportedNamespaces(
    List<Integer> subsystems, List<Integer> controllers, Boolean multipath) {
  public static final ImportedNamespaces NONE = new ImportedNamespaces(List.of(), List.of(), null);
  private static final Pattern INSTANCE = Pattern.compile("(nvme-subsys|nvme)([0-9]+)");

  public ImportedNamespaces {
    subsystems = subsystems.stream().sorted().distinct().toList();
    controllers = controllers.stream().sorted().distinct().toList();
  }

  /** {@code nvme-subsys3} or {@code nvme1} → its instance number, or -1. */
  public static int instance(String name) {
    var m = INSTANCE.matcher(name == null ? "" : name);
    return m.matches() ? Integer.parseInt(m.group(2)) : -1;
  }

  /**
   * The Strata subsystems ({@link NvmeSubsystem#NQN_PREFIX}) in {@code nvme list-subsys -o json}
   * (nvme-cli 2.x: hosts → Subsystems[].Name, Paths[].Name); other subsystems are the host's.
   */
  public static ImportedNamespaces fromListSubsys(String json, Boolean multipath) {
    return Json.refusing("nvme list-subsys -o json", () -> fromListSubsys0(json, multipath));
  }

  private static ImportedNamespaces fromListSubsys0(String json, Boolean multipath) {
    JsonNode root = Json.read("nvme list-subsys -o json", json.isBlank() ? "[]" : json);
    List<Integer> subsystems = new ArrayList<>();
    List<Integer> controllers = new ArrayList<>();
    List<JsonNode> hosts = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(hosts::add);
    } else {
      hosts.add(root);
    }
    for (JsonNode h : hosts) {
      for (JsonNode s : h.path("Subsystems")) {
        if (!Json.str(s, "NQN").startsWith(NvmeSubsystem.NQN_PREFIX)) {
          continue;
        }
        int si = instance(Json.str(s, "Name"));
        if (si >= 0) {
          subsystems.add(si);
        }
        for (JsonNode p : s.path("Paths")) {
          int ci = instance(Json.str(p, "Name"));
          if (ci >= 0) {
            controllers.add(ci);
          }
        }
      }
    }
    return new ImportedNamespaces(subsystems, controllers, multipath);
  }

  /**
   * Anchored prefixes for LVM's filter: {@code ^/dev/nvme3n} is namespace 3's every nsid and
   * partition (and never nvme30…), {@code ^/dev/nvme3c} its per-path devices. Plain prefixes, no
   * brackets or groups: the same in every LVM regex dialect and inside its config list syntax.
   */
  public List<String> rejectPatterns() {
    List<String> out = new ArrayList<>();
    if (!Boolean.FALSE.equals(multipath)) {
      for (int s : subsystems) {
        out.add("^/dev/nvme" + s + "n");
        out.add("^/dev/nvme" + s + "c");
      }
    }
    if (!Boolean.TRUE.equals(multipath)) {
      for (int c : controllers) {
        if (!out.contains("^/dev/nvme" + c + "n")) {
          out.add("^/dev/nvme" + c + "n");
        }
      }
    }
    return out;
  }
}
