package io.strata.executors.nvme;

import io.strata.executors.host.Host;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.planner.plan.ObjectSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** One idempotent pass that brings an nvmet export to its spec (see NvmeTargetExecutor). */
final class Converge {
  private final Host host;
  private final ObjectSpec.NvmeExport e;

  Converge(Host host, ObjectSpec.NvmeExport e) {
    this.host = host;
    this.e = e;
  }

  ApplyOutcome run() {
    Path s = Nvmet.subsystem(e.nqn());
    boolean fresh = !host.list(s.getParent()).contains(s.getFileName().toString());
    ApplyOutcome r = mkdir(s);
    if (r != null) {
      return r;
    }
    // hosts no longer allowed go first: allow_any_host=1 is refused while hosts are linked
    List<String> linked = host.list(Nvmet.allowedHosts(e.nqn()));
    for (String h : linked) {
      if (!e.allowedHosts().contains(h)) {
        r =
            NvmeTargetExecutor.runAll(
                host, List.of(Nvmet.unlink(Nvmet.allowedHosts(e.nqn()).resolve(h))));
        if (r != null) {
          return r;
        }
      }
    }
    // never open to any host (§3, issue 9). A new subsystem gets it written although the kernel's
    // default is 0, as the create plan shows (decision 015: apply runs the plan's commands);
    // a later pass writes it only when it differs
    if (fresh) {
      host.writeFile(s.resolve("attr_allow_any_host"), "0".getBytes(StandardCharsets.UTF_8), 0644);
    } else {
      write(s.resolve("attr_allow_any_host"), "0");
    }
    for (String h : e.allowedHosts()) {
      // a host entry is shared by every export that allows it and outlives them: a new subsystem
      // runs the mkdir -p its plan shows even when the entry is there already
      r =
          fresh
              ? NvmeTargetExecutor.runAll(host, List.of(Nvmet.mkdir(Nvmet.host(h))))
              : mkdir(Nvmet.host(h));
      if (r == null && !linked.contains(h)) {
        r =
            NvmeTargetExecutor.runAll(
                host, List.of(Nvmet.link(Nvmet.host(h), Nvmet.allowedHosts(e.nqn()).resolve(h))));
      }
      if (r != null) {
        return r;
      }
    }
    Path n = Nvmet.namespace(e.nqn(), e.nsid());
    r = mkdir(n);
    if (r != null) {
      return r;
    }
    boolean enabled = NvmetReader.read(host, n.resolve("enable")).equals("1");
    // the stable identity (decision 032) is written while the namespace is disabled; an enabled
    // one made before keeps its identity, since changing it would drop it on every initiator
    if (!enabled) {
      write(n.resolve("device_uuid"), Nvmet.namespaceUuid(e.nqn(), e.nsid()));
    }
    if (!NvmetReader.read(host, n.resolve("device_path")).equals(e.devicePath())) {
      // device_path is EBUSY while the namespace is enabled
      if (enabled) {
        write(n.resolve("enable"), "0");
      }
      write(n.resolve("device_path"), e.devicePath());
    }
    write(n.resolve("enable"), "1");
    r = port();
    if (r != null) {
      return r;
    }
    if (!host.list(Nvmet.portSubsystems(e.portId())).contains(e.nqn())) {
      r =
          NvmeTargetExecutor.runAll(
              host, List.of(Nvmet.link(s, Nvmet.portSubsystems(e.portId()).resolve(e.nqn()))));
      if (r != null) {
        return r;
      }
    }
    return ApplyOutcome.ok("exported " + e.nqn() + " on port " + e.portId());
  }

  /** Port attributes are EACCES while the port is enabled (it has links), so compare first. */
  private ApplyOutcome port() {
    Path p = Nvmet.port(e.portId());
    ApplyOutcome r = mkdir(p);
    if (r != null) {
      return r;
    }
    List<String[]> attrs =
        List.of(
            new String[] {"addr_trtype", e.transport()},
            new String[] {"addr_adrfam", Nvmet.family(e.address())},
            new String[] {"addr_traddr", e.address()},
            new String[] {"addr_trsvcid", String.valueOf(e.serviceId())});
    boolean enabled = !host.list(Nvmet.portSubsystems(e.portId())).isEmpty();
    for (String[] a : attrs) {
      String now = NvmetReader.read(host, p.resolve(a[0]));
      if (now.equals(a[1])) {
        continue;
      }
      if (enabled) {
        return ApplyOutcome.terminal(
            "nvmet port "
                + e.portId()
                + " already serves other subsystems with "
                + a[0]
                + "="
                + now
                + ", not "
                + a[1]
                + "; choose another port id or address");
      }
      write(p.resolve(a[0]), a[1]);
    }
    return null;
  }

  private ApplyOutcome mkdir(Path dir) {
    if (host.list(dir.getParent()).contains(dir.getFileName().toString())) {
      return null;
    }
    return NvmeTargetExecutor.runAll(host, List.of(Nvmet.mkdir(dir)));
  }

  private void write(Path attr, String value) {
    if (!NvmetReader.read(host, attr).equals(value)) {
      host.writeFile(attr, value.getBytes(StandardCharsets.UTF_8), 0644);
    }
  }
}
