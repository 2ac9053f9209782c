package io.strata.planner.json;

import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The observed state as canonical JSON ({@code status/observed.json}, the {@code observed.json} of
 * golden cases):
 *
 * <pre>{@code
 * {
 *   "format": "strata.observed/v1",
 *   "nodes": {
 *     "alpha": {
 *       "volumeGroups": [{"name": "vg0", "size": …, "free": …, "extentSize": …, "physicalVolumes": […]}],
 *       "logicalVolumes": [ … ],
 *       …
 *     }
 *   },
 *   "unreachable": {"gamma": "ssh: connection refused"}
 * }
 * }</pre>
 *
 * Nodes are sorted by name, object lists keep the order of the state (the observers sort them),
 * record fields appear in record-component order, sizes are bytes. A node's empty lists are left
 * out, and a missing list, {@code format} or {@code unreachable} reads as empty, so hand-written
 * test files stay short; nullable strings are written as {@code null}. {@link #read} ignores
 * unknown fields.
 */
public final class ObservedJson {
  public static final String FORMAT = "strata.observed/v1";
  public static final String DEFAULT_SOURCE = "observed.json";

  private ObservedJson() {}

  /** Pretty-printed (2-space indent), byte-stable, ending with a newline. */
  public static String write(ObservedState state) {
    return JsonText.pretty(tree(state));
  }

  /** The canonical JSON tree (used by the fingerprint as well). */
  public static ObjectNode tree(ObservedState state) {
    return tree(state, ObservedJson::node);
  }

  /**
   * As {@link #tree(ObservedState)}, each node's value made by {@code node} (e.g. a raw value of
   * text already rendered, {@link JsonText#raw}).
   */
  public static ObjectNode tree(ObservedState state, Function<NodeState, JsonNode> node) {
    ObjectNode root = JsonText.object();
    root.put("format", FORMAT);
    ObjectNode nodes = root.putObject("nodes");
    for (Map.Entry<String, NodeState> e : state.nodes().entrySet()) {
      if (!e.getKey().equals(e.getValue().node())) {
        throw new IllegalArgumentException(
            "observed state is inconsistent: key " + e.getKey() + " holds node " + e.getValue());
      }
      nodes.set(e.getKey(), node.apply(e.getValue()));
    }
    ObjectNode unreachable = root.putObject("unreachable");
    state.unreachable().forEach(unreachable::put);
    return root;
  }

  /** One node's object of the tree. */
  public static ObjectNode node(NodeState n) {
    ObjectNode o = JsonText.object();
    list(o, "volumeGroups", n.volumeGroups(), ObservedJson::volumeGroup);
    list(o, "thinPools", n.thinPools(), ObservedJson::thinPool);
    list(o, "zpools", n.zpools(), ObservedJson::zpool);
    list(o, "logicalVolumes", n.logicalVolumes(), ObservedJson::logicalVolume);
    list(o, "zvols", n.zvols(), ObservedJson::zvol);
    list(o, "luksDevices", n.luksDevices(), ObservedJson::luks);
    list(o, "drbdResources", n.drbdResources(), ObservedJson::drbd);
    list(o, "nvmeSubsystems", n.nvmeSubsystems(), ObservedJson::subsystem);
    list(o, "nvmeConnections", n.nvmeConnections(), ObservedJson::connection);
    // only when present, so that observations without them keep their fingerprint
    if (n.hostNqn() != null) {
      o.put("hostNqn", n.hostNqn());
    }
    if (!n.unobserved().isEmpty()) {
      ObjectNode u = o.putObject("unobserved");
      n.unobserved().forEach((layer, why) -> u.put(layer.yamlName(), why));
    }
    return o;
  }

  private interface Writer<T> {
    void write(T value, ObjectNode into);
  }

  private static <T> void list(ObjectNode o, String key, List<T> values, Writer<T> w) {
    if (values.isEmpty()) {
      return;
    }
    ArrayNode a = o.putArray(key);
    for (T v : values) {
      w.write(v, a.addObject());
    }
  }

  private static void volumeGroup(VolumeGroup v, ObjectNode o) {
    o.put("name", v.name());
    o.put("size", v.size());
    o.put("free", v.free());
    o.put("extentSize", v.extentSize());
    strings(o.putArray("physicalVolumes"), v.physicalVolumes());
  }

  private static void thinPool(ThinPool t, ObjectNode o) {
    o.put("vg", t.vg());
    o.put("name", t.name());
    o.put("size", t.size());
    o.put("used", t.used());
  }

  private static void zpool(Zpool z, ObjectNode o) {
    o.put("name", z.name());
    o.put("size", z.size());
    o.put("free", z.free());
  }

  private static void logicalVolume(LogicalVolume l, ObjectNode o) {
    o.put("vg", l.vg());
    o.put("name", l.name());
    o.put("size", l.size());
    strings(o.putArray("tags"), l.tags());
    o.put("thinPool", l.thinPool());
    o.put("origin", l.origin());
    o.put("attr", l.attr());
  }

  private static void zvol(Zvol z, ObjectNode o) {
    o.put("dataset", z.dataset());
    o.put("volsize", z.volsize());
    o.put("used", z.used());
    o.put("refreservation", z.refreservation());
    o.put("owner", z.owner());
    o.put("init", z.init());
    if (z.source() != null) {
      o.put("source", z.source());
    }
  }

  private static void luks(LuksDevice l, ObjectNode o) {
    o.put("mapping", l.mapping());
    o.put("backingDevice", l.backingDevice());
    o.put("size", l.size());
    o.put("owned", l.owned());
  }

  private static void drbd(DrbdResource d, ObjectNode o) {
    o.put("name", d.name());
    o.put("owned", d.owned());
    o.set("config", d.config() == null ? null : SpecJson.writeConfig(d.config()));
    if (d.runtime() == null) {
      o.putNull("runtime");
      return;
    }
    DrbdResource.Runtime r = d.runtime();
    ObjectNode ro = o.putObject("runtime");
    ro.put("role", r.role());
    ro.put("nodeId", r.nodeId());
    ro.put("diskState", r.diskState());
    ro.put("sizeBytes", r.sizeBytes());
    if (r.suspendedUser()) { // only when set: older observed.json files stay byte-identical
      ro.put("suspendedUser", true);
    }
    ArrayNode peers = ro.putArray("peers");
    for (DrbdResource.Peer p : r.peers()) {
      ObjectNode po = peers.addObject();
      po.put("name", p.name());
      po.put("nodeId", p.nodeId());
      po.put("connectionState", p.connectionState());
      po.put("peerDiskState", p.peerDiskState());
      po.put("replicationState", p.replicationState());
      po.put("percentInSync", p.percentInSync());
    }
  }

  private static void subsystem(NvmeSubsystem s, ObjectNode o) {
    o.put("nqn", s.nqn());
    ArrayNode ns = o.putArray("namespaces");
    for (NvmeSubsystem.Namespace n : s.namespaces()) {
      ObjectNode no = ns.addObject();
      no.put("nsid", n.nsid());
      no.put("devicePath", n.devicePath());
      no.put("enabled", n.enabled());
      no.put("sizeBytes", n.sizeBytes());
    }
    ArrayNode ports = o.putArray("ports");
    for (NvmeSubsystem.Port p : s.ports()) {
      ObjectNode po = ports.addObject();
      po.put("id", p.id());
      po.put("transport", p.transport());
      po.put("address", p.address());
      po.put("serviceId", p.serviceId());
    }
    strings(o.putArray("allowedHosts"), s.allowedHosts());
    o.put("allowAnyHost", s.allowAnyHost());
  }

  private static void connection(NvmeConnection c, ObjectNode o) {
    o.put("nqn", c.nqn());
    o.put("transport", c.transport());
    o.put("address", c.address());
    o.put("serviceId", c.serviceId());
    o.put("state", c.state());
    o.put("device", c.device());
  }

  private static void strings(ArrayNode a, Iterable<String> values) {
    values.forEach(a::add);
  }

  /** Reads {@code observed.json}; see {@link #read(String, String)}. */
  public static ObservedState read(String json) {
    return read(json, DEFAULT_SOURCE);
  }

  /**
   * Reads an observed state. Throws {@link JsonFormatException} naming {@code source} and the JSON
   * path of the first value that is missing or of the wrong type.
   */
  public static ObservedState read(String json, String source) {
    String notObserved = source + ": not a " + FORMAT + " file";
    JsonNode node = JsonText.parse(json, notObserved);
    JsonIn in = JsonIn.root(source, node, notObserved + " — the top level is not a JSON object");
    String format = in.optStr("format");
    if (format != null && !FORMAT.equals(format)) {
      throw new JsonFormatException(
          notObserved + " — its format is \"" + format + "\"; observe the cluster again");
    }
    Map<String, NodeState> nodes = new TreeMap<>();
    for (Map.Entry<String, JsonIn> e : in.members("nodes").entrySet()) {
      nodes.put(e.getKey(), ObservedNodeReader.node(e.getKey(), e.getValue().asObject()));
    }
    return ObservedState.of(nodes, in.stringMap("unreachable"));
  }
}
