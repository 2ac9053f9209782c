package io.strata.schema.load;

import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Metadata;
import io.strata.schema.model.Node;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.ResourceTemplate.DrbdOptions;
import io.strata.schema.model.ResourceTemplate.LuksOptions;
import io.strata.schema.model.ResourceTemplate.NvmeOptions;
import io.strata.schema.model.SecretRef;
import io.strata.schema.model.Size;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import io.strata.schema.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Builds model records from schema-valid documents. Lenient by design: a value the semantic checks
 * will refuse (a malformed size or secret reference) becomes null here instead of failing, so that
 * every problem is reported by exactly one check and the model is only published when none are.
 */
final class ModelBuilder {
  private ModelBuilder() {}

  static Metadata metadata(YamlDocument doc) {
    JsonNode m = doc.root().path("metadata");
    return new Metadata(m.path("name").asString(""), strings(m.path("labels")), doc.origin());
  }

  static Node node(YamlDocument doc) {
    JsonNode spec = doc.root().path("spec");
    JsonNode c = spec.path("connection");
    Node.Connection.Type type =
        Node.Connection.Type.valueOf(c.path("type").asString("ssh").toUpperCase(Locale.ROOT));
    Node.Connection connection =
        new Node.Connection(
            type,
            text(c, "host").orElse(null),
            text(c, "user").orElse(type == Node.Connection.Type.SSH ? "root" : null),
            c.path("port").asInt(22),
            text(c, "hostKey").orElse(null),
            c.path("sudo").asBoolean(false));
    return new Node(
        metadata(doc),
        spec.path("address").asString(""),
        connection,
        spec.path("evacuate").asBoolean(false));
  }

  static StoragePool pool(YamlDocument doc) {
    JsonNode spec = doc.root().path("spec");
    JsonNode p = spec.path("provider");
    StoragePool.Provider provider =
        new StoragePool.Provider(
            ProviderType.fromYaml(p.path("type").asString("")).orElse(null),
            text(p, "volumeGroup").orElse(null),
            text(p, "thinPool").orElse(null),
            text(p, "zpool").orElse(null));
    return new StoragePool(
        metadata(doc),
        text(spec, "node").orElse(null),
        strings(spec.path("nodeSelector")),
        provider,
        spec.path("overcommit").asDouble(1.0));
  }

  static ResourceTemplate template(YamlDocument doc) {
    JsonNode spec = doc.root().path("spec");
    List<Layer> layers = new ArrayList<>();
    spec.path("layers").values().forEach(l -> Layer.fromYaml(l.asString()).ifPresent(layers::add));
    DrbdOptions drbd = null;
    if (layers.contains(Layer.DRBD)) {
      JsonNode d = spec.path("drbd");
      drbd =
          new DrbdOptions(
              text(d, "protocol").orElse("C"),
              d.has("quorum") ? d.get("quorum").asString() : "majority",
              d.path("autoTiebreaker").asBoolean(true),
              strings(d.path("options")));
    }
    LuksOptions luks = null;
    if (layers.contains(Layer.LUKS)) {
      JsonNode l = spec.path("luks");
      luks =
          new LuksOptions(
              text(l, "cipher").orElse(LuksOptions.DEFAULT_CIPHER),
              l.path("keySize").asInt(LuksOptions.DEFAULT_KEY_SIZE),
              text(l, "passphraseRef").flatMap(ModelBuilder::secretRef).orElse(null),
              pbkdf(l.path("pbkdf")));
    }
    NvmeOptions nvme = null;
    if (layers.contains(Layer.NVME)) {
      JsonNode n = spec.path("nvme");
      List<String> hosts = new ArrayList<>();
      n.path("allowedHosts").values().forEach(h -> hosts.add(h.asString()));
      nvme =
          new NvmeOptions(
              text(n, "transport").orElse("tcp"),
              n.path("port").asInt(NvmeOptions.DEFAULT.port()),
              hosts);
    }
    return new ResourceTemplate(
        metadata(doc), layers, drbd, luks, nvme, placement(spec.path("placement")));
  }

  static Volume volume(YamlDocument doc) {
    JsonNode spec = doc.root().path("spec");
    return new Volume(
        metadata(doc),
        size(spec.path("size")).orElse(null),
        spec.path("template").asString(""),
        placement(spec.path("placement")),
        names(spec.path("access")),
        deletionPolicy(spec.path("deletionPolicy")),
        spec.path("protect").asBoolean(false),
        adopt(spec.path("adopt")),
        source(spec.path("source")),
        schedule(spec.path("snapshots")));
  }

  private static Volume.Source source(JsonNode s) {
    if (s.isMissingNode() || s.isNull()) {
      return null;
    }
    String snap = s.path("snapshot").asString(null);
    return snap != null
        ? new Volume.Source(snap, null)
        : new Volume.Source(null, s.path("volume").asString(""));
  }

  private static Volume.SnapshotSchedule schedule(JsonNode s) {
    if (s.isMissingNode() || s.isNull()) {
      return null;
    }
    return new Volume.SnapshotSchedule(s.path("schedule").asString(""), s.path("keep").asInt(1));
  }

  private static Volume.Adopt adopt(JsonNode a) {
    if (a.isMissingNode() || a.isNull()) {
      return null;
    }
    return new Volume.Adopt(a.path("node").asString(""), a.path("device").asString(""));
  }

  static Snapshot snapshot(YamlDocument doc) {
    JsonNode spec = doc.root().path("spec");
    return new Snapshot(
        metadata(doc),
        spec.path("volume").asString(""),
        deletionPolicy(spec.path("deletionPolicy")));
  }

  /** {@code luks.pbkdf}, or null when absent (the executor's default derivation). */
  static ResourceTemplate.Pbkdf pbkdf(JsonNode p) {
    if (!p.isObject()) {
      return null;
    }
    return new ResourceTemplate.Pbkdf(
        text(p, "type").orElse(null),
        size(p.path("memory")).map(s -> (s.bytes() + 1023) / 1024).orElse(null),
        p.path("time").isIntegralNumber() ? p.path("time").asInt() : null,
        p.path("iterations").isIntegralNumber() ? p.path("iterations").asInt() : null);
  }

  /** The size a manifest value denotes, or empty when it is not a valid positive size. */
  static Optional<Size> size(JsonNode n) {
    try {
      if (n.isIntegralNumber()) {
        return n.canConvertToLong() ? Optional.of(Size.ofBytes(n.longValue())) : Optional.empty();
      }
      return n.isString() ? Optional.of(Size.parse(n.asString())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<SecretRef> secretRef(String ref) {
    try {
      return Optional.of(SecretRef.parse(ref));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Placement placement(JsonNode p) {
    if (p.isMissingNode() || p.isNull()) {
      return Placement.NONE;
    }
    return new Placement(
        p.has("redundancy") ? p.get("redundancy").asInt() : null,
        names(p.path("nodes")),
        names(p.path("pools")),
        text(p, "spreadAcross").orElse(null),
        strings(p.path("nodeSelector")));
  }

  private static DeletionPolicy deletionPolicy(JsonNode n) {
    return n.isString() && n.asString().equals("Delete")
        ? DeletionPolicy.DELETE
        : DeletionPolicy.RETAIN;
  }

  private static Optional<String> text(JsonNode parent, String field) {
    JsonNode n = parent.path(field);
    return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n.asString());
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.values().forEach(v -> out.add(v.asString()));
    return out;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    if (object.isObject()) {
      object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    }
    return out;
  }
}
