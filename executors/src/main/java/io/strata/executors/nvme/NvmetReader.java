package io.strata.executors.nvme;

import io.strata.executors.host.Host;
import io.strata.planner.observed.NvmeSubsystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the nvmet configfs tree through Host.list/readFile (cookbook §5.4: a directory walk, no
 * command). Show functions end values with a newline, so every value is trimmed.
 */
final class NvmetReader {
  private NvmetReader() {}

  static String read(Host host, Path p) {
    return host.readFile(p).map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse("");
  }

  static NvmeSubsystem.Port port(Host host, int id) {
    Path p = Nvmet.port(id);
    String svc = read(host, p.resolve("addr_trsvcid"));
    return new NvmeSubsystem.Port(
        id,
        read(host, p.resolve("addr_trtype")),
        read(host, p.resolve("addr_traddr")),
        svc.isEmpty() ? 0 : Integer.parseInt(svc));
  }

  static List<Integer> portIds(Host host) {
    List<Integer> ids = new ArrayList<>();
    for (String s : host.list(Nvmet.ports())) {
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
    Map<String, List<NvmeSubsystem.Port>> portsBySubsystem = new TreeMap<>();
    for (int id : portIds(host)) {
      NvmeSubsystem.Port port = null;
      for (String nqn : host.list(Nvmet.portSubsystems(id))) {
        port = port == null ? port(host, id) : port;
        portsBySubsystem.computeIfAbsent(nqn, k -> new ArrayList<>()).add(port);
      }
    }
    List<NvmeSubsystem> out = new ArrayList<>();
    for (String nqn : host.list(Nvmet.subsystems())) {
      List<NvmeSubsystem.Namespace> nss = new ArrayList<>();
      for (String ns : host.list(Nvmet.subsystem(nqn).resolve("namespaces"))) {
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
                read(host, n.resolve("device_path")),
                read(host, n.resolve("enable")).equals("1"),
                0));
      }
      out.add(
          new NvmeSubsystem(
              nqn,
              nss,
              portsBySubsystem.getOrDefault(nqn, List.of()),
              host.list(Nvmet.allowedHosts(nqn)),
              read(host, Nvmet.subsystem(nqn).resolve("attr_allow_any_host")).equals("1")));
    }
    return out;
  }
}
