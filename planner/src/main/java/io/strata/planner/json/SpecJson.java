package io.strata.planner.json;

import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.SecretRef;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ObjectSpec} and {@link DrbdConfig} as JSON. Every spec carries a {@code type}
 * discriminator first. A LUKS passphrase is written as its reference ({@code env:NAME}, {@code
 * file:/path}) — the only form the model ever holds. {@code deleteMarker} (lv, zvol, snapshot) and
 * {@code initMarker} (lv, zvol) were added later: a plan without them reads as false; LUKS {@code
 * freshBacking} too, read as true (older plans formatted only fresh devices).
 */
final class SpecJson {
  static final String LV = "lv";
  static final String ZVOL = "zvol";
  static final String LUKS = "luks";
  static final String DRBD = "drbd";
  static final String NVME_EXPORT = "nvme-export";
  static final String NVME_ATTACH = "nvme-attach";
  static final String SNAPSHOT = "snapshot";
  static final String LV_ACTIVATION = "lv-activation";
  static final String DRBD_IO = "drbd-io";
  static final String ADOPTION = "adoption";
  static final String CLONE = "clone";

  private SpecJson() {}

  static ObjectNode write(ObjectSpec spec) {
    ObjectNode o = JsonText.object();
    if (spec instanceof ObjectSpec.Lv lv) {
      o.put("type", LV);
      o.put("vg", lv.vg());
      o.put("thinPool", lv.thinPool());
      o.put("name", lv.name());
      o.put("sizeBytes", lv.sizeBytes());
      strings(o.putArray("physicalVolumes"), lv.physicalVolumes());
      o.put("deleteMarker", lv.deleteMarker());
      o.put("initMarker", lv.initMarker());
    } else if (spec instanceof ObjectSpec.LvActivation a) {
      o.put("type", LV_ACTIVATION);
      o.set("lv", write(a.lv()));
    } else if (spec instanceof ObjectSpec.Zvol z) {
      o.put("type", ZVOL);
      o.put("zpool", z.zpool());
      o.put("name", z.name());
      o.put("sizeBytes", z.sizeBytes());
      o.put("sparse", z.sparse());
      o.put("volblocksize", z.volblocksize());
      o.put("deleteMarker", z.deleteMarker());
      o.put("initMarker", z.initMarker());
    } else if (spec instanceof ObjectSpec.Luks l) {
      o.put("type", LUKS);
      o.put("mapping", l.mapping());
      o.put("backingDevice", l.backingDevice());
      o.put("cipher", l.cipher());
      o.put("keySize", l.keySize());
      // The reference only (env:NAME / file:/path); the model never holds the secret itself.
      o.put("passphraseRef", l.passphraseRef() == null ? null : l.passphraseRef().toString());
      o.put("sizeBytes", l.sizeBytes());
      o.put("freshBacking", l.freshBacking());
      if (l.pbkdf() != null) { // only when the template sets it: older plans stay byte-identical
        ObjectNode k = o.putObject("pbkdf");
        k.put("type", l.pbkdf().type());
        k.put("memoryKib", l.pbkdf().memoryKib());
        k.put("timeMs", l.pbkdf().timeMs());
        k.put("iterations", l.pbkdf().iterations());
      }
    } else if (spec instanceof ObjectSpec.Drbd d) {
      o.put("type", DRBD);
      o.set("config", d.config() == null ? null : writeConfig(d.config()));
      o.put("node", d.node());
      o.put("freshBacking", d.freshBacking());
      o.put("initialSync", JsonIn.enumName(d.initialSync()));
    } else if (spec instanceof ObjectSpec.NvmeExport n) {
      o.put("type", NVME_EXPORT);
      o.put("nqn", n.nqn());
      o.put("nsid", n.nsid());
      o.put("devicePath", n.devicePath());
      o.put("portId", n.portId());
      o.put("transport", n.transport());
      o.put("address", n.address());
      o.put("serviceId", n.serviceId());
      strings(o.putArray("allowedHosts"), n.allowedHosts());
      if (n.portShared()) {
        o.put("portShared", true); // decision 026; absent (false) in plans saved before it
      }
    } else if (spec instanceof ObjectSpec.NvmeAttach a) {
      o.put("type", NVME_ATTACH);
      o.put("nqn", a.nqn());
      o.put("transport", a.transport());
      o.put("address", a.address());
      o.put("serviceId", a.serviceId());
    } else if (spec instanceof ObjectSpec.StorageSnapshot s) {
      o.put("type", SNAPSHOT);
      o.set("origin", s.origin() == null ? null : write(s.origin()));
      o.put("name", s.name());
      o.put("deleteMarker", s.deleteMarker());
      if (s.scheduled()) { // only for scheduled snapshots: older plans stay byte-identical
        o.put("scheduled", true);
      }
      if (s.suspended()) { // only inside a suspend group: older plans stay byte-identical
        o.put("boundMillis", s.boundMillis());
      }
    } else if (spec instanceof ObjectSpec.Adoption a) {
      o.put("type", ADOPTION);
      o.set("storage", write(a.storage()));
    } else if (spec instanceof ObjectSpec.StorageClone c) {
      o.put("type", CLONE);
      o.put("method", c.method().jsonName());
      o.set("target", write(c.target()));
      o.set("source", write(c.source()));
      o.put("sourceSnapshot", c.sourceSnapshot());
      o.put("takeSnapshot", c.takeSnapshot());
      o.put("marker", c.marker());
      o.put("copyBytes", c.copyBytes());
    } else if (spec instanceof ObjectSpec.DrbdIoFence f) {
      o.put("type", DRBD_IO);
      o.put("resource", f.resource());
      o.put("snapshot", f.snapshot());
      o.put("suspend", f.suspend());
    } else {
      // Unreachable while ObjectSpec stays sealed to the cases above; a new case must be added
      // here.
      throw new IllegalStateException("no JSON form for " + spec.getClass().getName());
    }
    return o;
  }

  static ObjectSpec read(JsonIn in) {
    String type = in.str("type");
    return switch (type) {
      case LV ->
          new ObjectSpec.Lv(
              in.optStr("vg"),
              in.optStr("thinPool"),
              in.optStr("name"),
              in.lng("sizeBytes"),
              in.strings("physicalVolumes"),
              in.optBool("deleteMarker", false),
              in.optBool("initMarker", false));
      case ZVOL ->
          new ObjectSpec.Zvol(
              in.optStr("zpool"),
              in.optStr("name"),
              in.lng("sizeBytes"),
              in.bool("sparse"),
              in.lng("volblocksize"),
              in.optBool("deleteMarker", false),
              in.optBool("initMarker", false));
      case LUKS ->
          new ObjectSpec.Luks(
              in.optStr("mapping"),
              in.optStr("backingDevice"),
              in.optStr("cipher"),
              in.integer("keySize"),
              secretRef(in),
              in.lng("sizeBytes"),
              in.optBool("freshBacking", true),
              pbkdf(in.optObj("pbkdf")));
      case DRBD ->
          new ObjectSpec.Drbd(
              in.has("config") ? readConfig(in.obj("config")) : null,
              in.optStr("node"),
              in.bool("freshBacking"),
              in.enumValue("initialSync", ObjectSpec.Drbd.InitialSync.class));
      case NVME_EXPORT ->
          new ObjectSpec.NvmeExport(
              in.optStr("nqn"),
              in.integer("nsid"),
              in.optStr("devicePath"),
              in.integer("portId"),
              in.optStr("transport"),
              in.optStr("address"),
              in.integer("serviceId"),
              in.strings("allowedHosts"),
              in.optBool("portShared", false));
      case NVME_ATTACH ->
          new ObjectSpec.NvmeAttach(
              in.optStr("nqn"),
              in.optStr("transport"),
              in.optStr("address"),
              in.integer("serviceId"));
      case SNAPSHOT ->
          new ObjectSpec.StorageSnapshot(
              in.has("origin") ? read(in.obj("origin")) : null,
              in.optStr("name"),
              in.optBool("deleteMarker", false),
              in.has("boundMillis") ? in.lng("boundMillis") : 0,
              in.optBool("scheduled", false));
      case DRBD_IO ->
          new ObjectSpec.DrbdIoFence(
              in.optStr("resource"), in.optStr("snapshot"), in.bool("suspend"));
      case ADOPTION -> {
        ObjectSpec storage = read(in.obj("storage"));
        if (!(storage instanceof ObjectSpec.Lv) && !(storage instanceof ObjectSpec.Zvol)) {
          throw in.error("adoption: \"storage\" must be a spec of type lv or zvol");
        }
        yield new ObjectSpec.Adoption(storage);
      }
      case CLONE -> {
        ObjectSpec target = read(in.obj("target"));
        ObjectSpec source = read(in.obj("source"));
        boolean storage =
            (target instanceof ObjectSpec.Lv || target instanceof ObjectSpec.Zvol)
                && (source instanceof ObjectSpec.Lv || source instanceof ObjectSpec.Zvol);
        if (!storage) {
          throw in.error("clone: \"target\" and \"source\" must be specs of type lv or zvol");
        }
        ObjectSpec.StorageClone.Method method;
        try {
          method = ObjectSpec.StorageClone.Method.fromJson(in.optStr("method"));
        } catch (IllegalArgumentException e) {
          throw in.error("clone: " + e.getMessage());
        }
        yield new ObjectSpec.StorageClone(
            target,
            source,
            in.optStr("sourceSnapshot"),
            in.optBool("takeSnapshot", false),
            method,
            in.optStr("marker"),
            in.lng("copyBytes"));
      }
      case LV_ACTIVATION -> {
        if (!(read(in.obj("lv")) instanceof ObjectSpec.Lv lv)) {
          throw in.error("lv-activation: \"lv\" must be a spec of type lv");
        }
        yield new ObjectSpec.LvActivation(lv);
      }
      default ->
          throw in.error(
              "unknown spec type \""
                  + type
                  + "\" — expected one of "
                  + String.join(
                      ", ",
                      List.of(
                          LV,
                          ZVOL,
                          LUKS,
                          DRBD,
                          NVME_EXPORT,
                          NVME_ATTACH,
                          SNAPSHOT,
                          LV_ACTIVATION,
                          DRBD_IO,
                          ADOPTION,
                          CLONE)));
    };
  }

  private static ResourceTemplate.Pbkdf pbkdf(JsonIn k) {
    if (k == null) {
      return null;
    }
    return new ResourceTemplate.Pbkdf(
        k.optStr("type"),
        k.has("memoryKib") ? k.lng("memoryKib") : null,
        k.has("timeMs") ? k.integer("timeMs") : null,
        k.has("iterations") ? k.integer("iterations") : null);
  }

  private static SecretRef secretRef(JsonIn in) {
    String ref = in.optStr("passphraseRef");
    if (ref == null) {
      return null;
    }
    try {
      return SecretRef.parse(ref);
    } catch (IllegalArgumentException e) {
      throw in.error("passphraseRef: " + e.getMessage());
    }
  }

  static ObjectNode writeConfig(DrbdConfig c) {
    ObjectNode o = JsonText.object();
    o.put("resource", c.resource());
    o.put("port", c.port());
    o.put("minor", c.minor());
    o.put("protocol", c.protocol());
    ObjectNode opts = o.putObject("options");
    for (Map.Entry<String, String> e : c.options().entrySet()) {
      opts.put(e.getKey(), e.getValue());
    }
    ArrayNode hosts = o.putArray("hosts");
    for (DrbdConfig.Host h : c.hosts()) {
      ObjectNode ho = hosts.addObject();
      ho.put("node", h.node());
      ho.put("nodeId", h.nodeId());
      ho.put("address", h.address());
      ho.put("disk", h.disk());
    }
    o.put("peerSlots", c.peerSlots());
    return o;
  }

  static DrbdConfig readConfig(JsonIn in) {
    return DrbdConfig.of(
        in.str("resource"),
        in.integer("port"),
        in.integer("minor"),
        in.optStr("protocol"),
        in.stringMap("options"),
        in.objects(
            "hosts",
            h ->
                new DrbdConfig.Host(
                    h.str("node"), h.integer("nodeId"), h.optStr("address"), h.optStr("disk"))),
        in.integer("peerSlots"));
  }

  private static void strings(ArrayNode a, List<String> values) {
    for (String s : values) {
      a.add(s);
    }
  }
}
