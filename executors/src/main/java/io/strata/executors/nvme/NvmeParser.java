package io.strata.executors.nvme;

import io.strata.executors.host.Result;
import io.strata.executors.layer.Json;
import io.strata.planner.observed.NvmeConnection;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code nvme list-subsys -o json} (nvme-cli 2.x: an array of hosts, each with {@code
 * Subsystems[].Paths[]}; one connection per path).
 */
public final class NvmeParser {
  private NvmeParser() {}

  /**
   * nvme-cli 2.3 exits 1 with "Failed to scan topology: No such file or directory" when no NVMe.
   */
  public static boolean noTopology(Result r) {
    return r.exitCode() == 1
        && r.err().contains("Failed to scan topology")
        && r.err().contains("No such file");
  }

  public static List<NvmeConnection> connections(String json) {
    return Json.refusing("nvme list-subsys -o json", () -> connections0(json));
  }

  private static List<NvmeConnection> connections0(String json) {
    List<NvmeConnection> out = new ArrayList<>();
    eachPath(
        json,
        (s, p) -> {
          String addr = Json.str(p, "Address");
          String svc = field(addr, "trsvcid");
          out.add(
              new NvmeConnection(
                  Json.name("nvme list-subsys -o json", "subsystem", Json.str(s, "NQN")),
                  Json.str(p, "Transport"),
                  field(addr, "traddr"),
                  svc.isEmpty() ? 0 : Integer.parseInt(svc),
                  Json.str(p, "State"),
                  device(Json.str(s, "Name"))));
        });
    return out;
  }

  /**
   * The controllers ({@code Paths[].Name}, e.g. {@code nvme0}) of the live paths to {@code nqn}.
   */
  public static List<String> liveControllers(String json, String nqn) {
    return Json.refusing(
        "nvme list-subsys -o json",
        () -> {
          List<String> out = new ArrayList<>();
          eachPath(
              json,
              (s, p) -> {
                String name = Json.str(p, "Name");
                if (nqn.equals(Json.str(s, "NQN"))
                    && "live".equals(Json.str(p, "State"))
                    && name.matches("nvme[0-9]+")) {
                  out.add(name);
                }
              });
          return out;
        });
  }

  /**
   * Every {@code Subsystems[].Paths[]} entry with its subsystem, in order. nvme-cli 2.x prints an
   * array of hosts, older versions one object.
   */
  private static void eachPath(
      String json, java.util.function.BiConsumer<JsonNode, JsonNode> visit) {
    JsonNode root = Json.read("nvme list-subsys -o json", json.isBlank() ? "[]" : json);
    List<JsonNode> hosts = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(hosts::add);
    } else {
      hosts.add(root);
    }
    for (JsonNode h : hosts) {
      for (JsonNode s : h.path("Subsystems")) {
        for (JsonNode p : s.path("Paths")) {
          visit.accept(s, p);
        }
      }
    }
  }

  /** {@code traddr=10.0.0.1,trsvcid=4420,src_addr=…} → the value of {@code key}. */
  static String field(String address, String key) {
    for (String kv : address.split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).strip().equals(key)) {
        return kv.substring(eq + 1).strip();
      }
    }
    return "";
  }

  /**
   * The namespace device of subsystem {@code nvme-subsysN} with native multipath: {@code
   * /dev/nvmeNn1} (Strata exports one namespace, nsid 1 by default).
   */
  static String device(String subsysName) {
    String n = subsysName.replace("nvme-subsys", "");
    return n.isEmpty() ? null : "/dev/nvme" + n + "n1";
  }
}
