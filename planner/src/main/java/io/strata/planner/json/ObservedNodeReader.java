package io.strata.planner.json;

import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.schema.model.Layer;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

/** Reads one node of {@code observed.json} back into a {@link NodeState}. */
final class ObservedNodeReader {
  private ObservedNodeReader() {}

  static NodeState node(String name, JsonIn n) {
    return new NodeState(
        name,
        n.objects(
            "volumeGroups",
            v ->
                new VolumeGroup(
                    v.str("name"),
                    v.lng("size"),
                    v.lng("free"),
                    v.lng("extentSize"),
                    v.strings("physicalVolumes"))),
        n.objects(
            "thinPools",
            t -> new ThinPool(t.str("vg"), t.str("name"), t.lng("size"), t.lng("used"))),
        n.objects("zpools", z -> new Zpool(z.str("name"), z.lng("size"), z.lng("free"))),
        n.objects(
            "logicalVolumes",
            l ->
                new LogicalVolume(
                    l.str("vg"),
                    l.str("name"),
                    l.lng("size"),
                    new TreeSet<>(l.strings("tags")),
                    l.optStr("thinPool"),
                    l.optStr("origin"),
                    l.optStr("attr"))),
        n.objects(
            "zvols",
            z ->
                new Zvol(
                    z.str("dataset"),
                    z.lng("volsize"),
                    z.lng("used"),
                    z.lng("refreservation"),
                    z.optStr("owner"),
                    z.optStr("init"),
                    z.optStr("source"))),
        n.objects(
            "luksDevices",
            l ->
                new LuksDevice(
                    l.str("mapping"), l.optStr("backingDevice"), l.lng("size"), l.bool("owned"))),
        n.objects("drbdResources", ObservedNodeReader::drbd),
        n.objects("nvmeSubsystems", ObservedNodeReader::subsystem),
        n.objects(
            "nvmeConnections",
            c ->
                new NvmeConnection(
                    c.str("nqn"),
                    c.optStr("transport"),
                    c.optStr("address"),
                    c.integer("serviceId"),
                    c.optStr("state"),
                    c.optStr("device"))),
        n.optStr("hostNqn"),
        unobserved(n.optObj("unobserved")));
  }

  private static Map<Layer, String> unobserved(JsonIn u) {
    Map<Layer, String> out = new EnumMap<>(Layer.class);
    if (u == null) {
      return out;
    }
    for (Layer l : Layer.values()) {
      if (u.has(l.yamlName())) {
        out.put(l, u.str(l.yamlName()));
      }
    }
    return out;
  }

  private static DrbdResource drbd(JsonIn d) {
    JsonIn r = d.optObj("runtime");
    DrbdResource.Runtime runtime = null;
    if (r != null) {
      runtime =
          new DrbdResource.Runtime(
              r.optStr("role"),
              r.integer("nodeId"),
              r.optStr("diskState"),
              r.lng("sizeBytes"),
              r.objects(
                  "peers",
                  p ->
                      new DrbdResource.Peer(
                          p.str("name"),
                          p.integer("nodeId"),
                          p.optStr("connectionState"),
                          p.optStr("peerDiskState"),
                          p.optStr("replicationState"),
                          p.dbl("percentInSync"))),
              r.optBool("suspendedUser", false));
    }
    JsonIn config = d.optObj("config");
    return new DrbdResource(
        d.str("name"),
        d.bool("owned"),
        config == null ? null : SpecJson.readConfig(config),
        runtime);
  }

  private static NvmeSubsystem subsystem(JsonIn s) {
    return new NvmeSubsystem(
        s.str("nqn"),
        s.objects(
            "namespaces",
            n ->
                new NvmeSubsystem.Namespace(
                    n.integer("nsid"),
                    n.optStr("devicePath"),
                    n.bool("enabled"),
                    n.lng("sizeBytes"))),
        s.objects(
            "ports",
            p ->
                new NvmeSubsystem.Port(
                    p.integer("id"),
                    p.optStr("transport"),
                    p.optStr("address"),
                    p.integer("serviceId"))),
        s.strings("allowedHosts"),
        s.bool("allowAnyHost"));
  }
}
