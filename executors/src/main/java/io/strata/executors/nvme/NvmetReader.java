package io.strata.executors.nvme;

import io.strata.executors.host.FileTree;
import io.strata.executors.host.Host;
import io.strata.planner.observed.NvmeSubsystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the nvmet configfs tree (cookbook §5.4: a directory walk, no command). Observation reads
 * the whole tree in one {@link Host#readTree} (one round trip over SSH) and parses the snapshot;
 * apply-time checks read single attributes. Show functions end values with a newline, so every
 * value is trimmed.
 */
final class NvmetReader {
  /** ROOT/subsystems/NQN/namespaces/NSID/device_path is the deepest attribute read. */
  static final int DEPTH = 5;

  /** The attributes observation parses; nothing else (e.g. a host's dhchap_key) is read. */
  static final List<String> ATTRIBUTES =
      List.of(
          "addr_trtype",
          "addr_traddr",
          "addr_trsvcid",
          "device_path",
          "enable",
          "attr_allow_any_host");

  private NvmetReader() {}

  static String read(Host host, Path p) {
    return text(host.readFile(p));
  }

  private static String text(Optional<byte[]> b) {
    return b.map(x -> new String(x, StandardCharsets.UTF_8).strip()).orElse("");
  }

  /** Lists and reads from one snapshot of the tree, as Host.list/readFile would answer. */
  private record Snapshot(Host host, FileTree tree) {
    List<String> list(Path dir) {
      return tree.list(host, dir);
    }

    String read(Path file) {
      return text(tree.read(host, file));
    }
  }

  private static NvmeSubsystem.Port port(Snapshot s, int id) {
    Path p = Nvmet.port(id);
    String svc = s.read(p.resolve("addr_trsvcid"));
    return new NvmeSubsystem.Port(
        id,
        s.read(p.resolve("addr_trtype")),
        s.read(p.resolve("addr_traddr")),
        svc.isEmpty() ? 0 : Integer.parseInt(svc));
  }

  static List<Integer> portIds(Host host) {
    return portIds(host.list(Nvmet.ports()));
  }

  private static List<Integer> portIds(List<String> names) {
    List<Integer> ids = new ArrayList<>();
    for (String s : names) {
      try {
        ids.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        // not a port group
      }
    }
    return ids;
  }

  /** Every subsystem, with its namespaces, allowed hosts and the ports linked to it. */
  static List<NvmeSubsystem> subsystems(Host host) {
    Snapshot s = new Snapshot(host, host.readTree(Nvmet.ROOT, DEPTH, ATTRIBUTES));
    Map<String, List<NvmeSubsystem.Port>> portsBySubsystem = new TreeMap<>();
    for (int id : portIds(s.list(Nvmet.ports()))) {
      NvmeSubsystem.Port port = null;
      for (String nqn : s.list(Nvmet.portSubsystems(id))) {
        port = port == null ? port(s, id) : port;
        portsBySubsystem.computeIfAbsent(nqn, k -> new ArrayList<>()).add(port);
      }
    }
    List<NvmeSubsystem> out = new ArrayList<>();
    for (String nqn : s.list(Nvmet.subsystems())) {
      List<NvmeSubsystem.Namespace> nss = new ArrayList<>();
      for (String ns : s.list(Nvmet.subsystem(nqn).resolve("namespaces"))) {
        int nsid;
        try {
          nsid = Integer.parseInt(ns);
        } catch (NumberFormatException e) {
          continue;
        }
        Path n = Nvmet.namespace(nqn, nsid);
        nss.add(
            new NvmeSubsystem.Namespace(
                nsid,
                s.read(n.resolve("device_path")),
                s.read(n.resolve("enable")).equals("1"),
                0));
      }
      out.add(
          new NvmeSubsystem(
              nqn,
              nss,
              portsBySubsystem.getOrDefault(nqn, List.of()),
              s.list(Nvmet.allowedHosts(nqn)),
              s.read(Nvmet.subsystem(nqn).resolve("attr_allow_any_host")).equals("1")));
    }
    return out;
  }
}
