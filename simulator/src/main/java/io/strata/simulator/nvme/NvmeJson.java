package io.strata.simulator.nvme;

import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.state.NvmeController;
import java.util.ArrayList;
import java.util.List;

/** nvme-cli 2.3's JSON for {@code list-subsys -o json} and {@code list -o json}. */
final class NvmeJson {
  private NvmeJson() {}

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String listSubsys(Invocation inv, String hostNqn, String hostId) {
    StringBuilder sb = new StringBuilder();
    sb.append("[\n  {\n    \"HostNQN\":")
        .append(q(hostNqn))
        .append(",\n    \"HostID\":")
        .append(q(hostId))
        .append(",\n    \"Subsystems\":[");
    List<NvmeController> ctrls = new ArrayList<>(inv.node().nvme.values());
    List<String> nqns = ctrls.stream().map(c -> c.subsysNqn).distinct().toList();
    for (int i = 0; i < nqns.size(); i++) {
      String nqn = nqns.get(i);
      sb.append(i == 0 ? "\n" : ",\n")
          .append("      {\n        \"Name\":")
          .append(q("nvme-subsys" + i))
          .append(",\n        \"NQN\":")
          .append(q(nqn))
          .append(",\n        \"Paths\":[");
      List<NvmeController> paths = ctrls.stream().filter(c -> c.subsysNqn.equals(nqn)).toList();
      for (int j = 0; j < paths.size(); j++) {
        NvmeController c = paths.get(j);
        sb.append(j == 0 ? "\n" : ",\n")
            .append("          {\n            \"Name\":")
            .append(q(c.name))
            .append(",\n            \"Transport\":")
            .append(q(c.transport))
            .append(",\n            \"Address\":")
            .append(q("traddr=" + c.traddr + ",trsvcid=" + c.trsvcid))
            .append(",\n            \"State\":")
            .append(q(NvmetView.pathState(inv.cluster(), c)))
            .append("\n          }");
      }
      sb.append("\n        ]\n      }");
    }
    sb.append(nqns.isEmpty() ? "]\n  }\n]\n" : "\n    ]\n  }\n]\n");
    return sb.toString();
  }

  static String list(Invocation inv) {
    StringBuilder sb = new StringBuilder("{\n  \"Devices\":[");
    int k = 0;
    for (NvmeController c : inv.node().nvme.values()) {
      for (int nsid : NvmetView.liveNsids(inv.cluster(), c)) {
        long size = NvmeTool.size(inv, c, nsid);
        sb.append(k++ == 0 ? "\n" : ",\n")
            .append("    {\n      \"NameSpace\":")
            .append(nsid)
            .append(",\n      \"DevicePath\":")
            .append(q("/dev/" + c.name + "n" + nsid))
            .append(",\n      \"Firmware\":")
            .append(q("6.1.0-sim"))
            .append(",\n      \"ModelNumber\":")
            .append(q("Linux"))
            .append(",\n      \"SerialNumber\":")
            .append(q(Integer.toHexString(c.subsysNqn.hashCode())))
            .append(",\n      \"UsedBytes\":")
            .append(size)
            .append(",\n      \"MaximumLBA\":")
            .append(size / 512)
            .append(",\n      \"PhysicalSize\":")
            .append(size)
            .append(",\n      \"SectorSize\":512\n    }");
      }
    }
    return sb.append(k == 0 ? "]\n}\n" : "\n  ]\n}\n").toString();
  }
}
