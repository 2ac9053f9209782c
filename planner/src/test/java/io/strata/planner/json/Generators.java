package io.strata.planner.json;

import io.strata.planner.observed.DrbdConfig;
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
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random plans and observed states for the round-trip properties. Strings include quotes,
 * backslashes, control characters and non-ASCII text, so escaping is exercised; nullable fields are
 * sometimes null.
 */
final class Generators {
  private Generators() {}

  static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u024f')
        .withChars('"', '\\', '\n', '\t', '\u0000', '→', '⚠')
        .ofMaxLength(12);
  }

  static Arbitrary<String> name() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('-', '_', '.')
        .ofMinLength(1)
        .ofMaxLength(8);
  }

  static Arbitrary<String> nullable() {
    return text().injectNull(0.2);
  }

  static Arbitrary<Long> bytes() {
    return Arbitraries.longs()
        .between(0, Long.MAX_VALUE)
        .edgeCases(c -> c.includeOnly(0L, Long.MAX_VALUE));
  }

  static Arbitrary<Integer> ints() {
    return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  static Arbitrary<List<String>> texts() {
    return text().list().ofMaxSize(3);
  }

  // ---------------------------------------------------------------- plans

  static Arbitrary<DrbdConfig> drbdConfig() {
    Arbitrary<DrbdConfig.Host> host =
        Combinators.combine(name(), ints(), nullable(), nullable()).as(DrbdConfig.Host::new);
    return Combinators.combine(
            name(),
            ints(),
            ints(),
            nullable(),
            Arbitraries.maps(name(), text()).ofMaxSize(3),
            host.list().ofMaxSize(3),
            ints())
        .as(DrbdConfig::of);
  }

  static Arbitrary<Boolean> bools() {
    return Arbitraries.of(true, false);
  }

  static Arbitrary<ObjectSpec> storage() {
    Arbitrary<ObjectSpec> lv =
        Combinators.combine(nullable(), nullable(), nullable(), bytes(), texts(), bools())
            .as(ObjectSpec.Lv::new);
    Arbitrary<ObjectSpec> zvol =
        Combinators.combine(nullable(), nullable(), bytes(), bools(), bytes(), bools())
            .as(ObjectSpec.Zvol::new);
    return Arbitraries.oneOf(lv, zvol);
  }

  static Arbitrary<ObjectSpec> spec() {
    Arbitrary<SecretRef> ref =
        Combinators.combine(Arbitraries.of(SecretRef.Source.class), name())
            .as(SecretRef::new)
            .injectNull(0.2);
    Arbitrary<ObjectSpec> luks =
        Combinators.combine(nullable(), nullable(), nullable(), ints(), ref, bytes())
            .as(ObjectSpec.Luks::new);
    Arbitrary<ObjectSpec> drbd =
        Combinators.combine(
                drbdConfig().injectNull(0.1),
                nullable(),
                Arbitraries.of(true, false),
                Arbitraries.of(ObjectSpec.Drbd.InitialSync.class))
            .as(ObjectSpec.Drbd::new);
    Arbitrary<ObjectSpec> export =
        Combinators.combine(
                nullable(), ints(), nullable(), ints(), nullable(), nullable(), ints(), texts())
            .as(ObjectSpec.NvmeExport::new);
    Arbitrary<ObjectSpec> attach =
        Combinators.combine(nullable(), nullable(), nullable(), ints())
            .as(ObjectSpec.NvmeAttach::new);
    Arbitrary<ObjectSpec> snapshot =
        Combinators.combine(storage(), nullable(), bools()).as(ObjectSpec.StorageSnapshot::new);
    Arbitrary<ObjectSpec> clone =
        Combinators.combine(
                storage(),
                storage(),
                nullable(),
                bools(),
                Arbitraries.of(ObjectSpec.StorageClone.Method.class),
                nullable(),
                bytes())
            .as(ObjectSpec.StorageClone::new);
    return Arbitraries.oneOf(storage(), luks, drbd, export, attach, snapshot, clone);
  }

  /** A change without id and dependencies; {@link #plan} numbers them and wires earlier ones. */
  private record Draft(
      Action action,
      Layer layer,
      String node,
      String volume,
      String object,
      SizeChange size,
      List<Integer> depSeeds,
      String reason,
      ObjectSpec spec) {}

  static Arbitrary<Plan> plan() {
    Arbitrary<SizeChange> size =
        Combinators.combine(bytes(), bytes()).as(SizeChange::new).injectNull(0.3);
    Arbitrary<List<String>> where = nullable().list().ofSize(3);
    Arbitrary<Draft> draft =
        Combinators.combine(
                Arbitraries.of(Action.class),
                Arbitraries.of(Layer.class),
                where,
                size,
                Arbitraries.integers().between(0, 1000).list().ofMaxSize(3),
                nullable(),
                spec().injectNull(0.05))
            .as(
                (a, l, w, s, deps, r, sp) ->
                    new Draft(a, l, w.get(0), w.get(1), w.get(2), s, deps, r, sp));
    Arbitrary<Refusal> refusal =
        Combinators.combine(nullable(), nullable(), nullable()).as(Refusal::new);
    return Combinators.combine(
            nullable(),
            nullable(),
            draft.list().ofMaxSize(8),
            refusal.list().ofMaxSize(3),
            texts(),
            name())
        .as(
            (commit, fp, drafts, refused, warnings, prefix) -> {
              List<Change> changes = new ArrayList<>();
              for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                List<String> deps = new ArrayList<>();
                for (int seed : d.depSeeds()) {
                  if (i > 0) {
                    String dep = prefix + "/" + (seed % i);
                    if (!deps.contains(dep)) {
                      deps.add(dep);
                    }
                  }
                }
                changes.add(
                    new Change(
                        prefix + "/" + i,
                        d.action(),
                        d.layer(),
                        d.node(),
                        d.volume(),
                        d.object(),
                        d.size(),
                        deps,
                        d.reason(),
                        d.spec()));
              }
              return new Plan(commit, fp, changes, refused, warnings);
            });
  }

  // ---------------------------------------------------------------- observed state

  static Arbitrary<NodeState> node(String nodeName) {
    Arbitrary<VolumeGroup> vg =
        Combinators.combine(name(), bytes(), bytes(), bytes(), texts()).as(VolumeGroup::new);
    Arbitrary<ThinPool> thin =
        Combinators.combine(name(), name(), bytes(), bytes()).as(ThinPool::new);
    Arbitrary<Zpool> zpool = Combinators.combine(name(), bytes(), bytes()).as(Zpool::new);
    Arbitrary<LogicalVolume> lv =
        Combinators.combine(name(), name(), bytes(), texts(), nullable(), nullable(), nullable())
            .as((v, n, s, t, p, o, a) -> new LogicalVolume(v, n, s, new TreeSet<>(t), p, o, a));
    Arbitrary<Zvol> zvol =
        Combinators.combine(text().filter(s -> !s.isEmpty()), bytes(), bytes(), bytes(), nullable())
            .as(Zvol::new);
    Arbitrary<LuksDevice> luks =
        Combinators.combine(name(), nullable(), bytes(), Arbitraries.of(true, false))
            .as(LuksDevice::new);
    Arbitrary<DrbdResource.Peer> peer =
        Combinators.combine(
                name(),
                ints(),
                nullable(),
                nullable(),
                nullable(),
                Arbitraries.doubles().between(0, 100))
            .as(DrbdResource.Peer::new);
    Arbitrary<DrbdResource.Runtime> runtime =
        Combinators.combine(nullable(), ints(), nullable(), bytes(), peer.list().ofMaxSize(3))
            .as(DrbdResource.Runtime::new);
    Arbitrary<DrbdResource> drbd =
        Combinators.combine(
                name(),
                Arbitraries.of(true, false),
                drbdConfig().injectNull(0.3),
                runtime.injectNull(0.3))
            .as(DrbdResource::new);
    Arbitrary<NvmeSubsystem.Namespace> ns =
        Combinators.combine(ints(), nullable(), Arbitraries.of(true, false), bytes())
            .as(NvmeSubsystem.Namespace::new);
    Arbitrary<NvmeSubsystem.Port> port =
        Combinators.combine(ints(), nullable(), nullable(), ints()).as(NvmeSubsystem.Port::new);
    Arbitrary<NvmeSubsystem> subsystem =
        Combinators.combine(
                name(),
                ns.list().ofMaxSize(2),
                port.list().ofMaxSize(2),
                texts(),
                Arbitraries.of(true, false))
            .as(NvmeSubsystem::new);
    Arbitrary<NvmeConnection> connection =
        Combinators.combine(name(), nullable(), nullable(), ints(), nullable(), nullable())
            .as(NvmeConnection::new);
    return Combinators.combine(
            vg.list().ofMaxSize(2),
            thin.list().ofMaxSize(2),
            zpool.list().ofMaxSize(2),
            lv.list().ofMaxSize(3),
            zvol.list().ofMaxSize(2),
            luks.list().ofMaxSize(2),
            drbd.list().ofMaxSize(2),
            Combinators.combine(subsystem.list().ofMaxSize(2), connection.list().ofMaxSize(2))
                .as(List::of))
        .as(
            (v, t, z, l, zv, lu, d, nvme) ->
                new NodeState(
                    nodeName,
                    v,
                    t,
                    z,
                    l,
                    zv,
                    lu,
                    d,
                    castSubsystems(nvme.get(0)),
                    castConnections(nvme.get(1))));
  }

  @SuppressWarnings("unchecked")
  private static List<NvmeSubsystem> castSubsystems(List<?> l) {
    return (List<NvmeSubsystem>) l;
  }

  @SuppressWarnings("unchecked")
  private static List<NvmeConnection> castConnections(List<?> l) {
    return (List<NvmeConnection>) l;
  }

  static Arbitrary<ObservedState> observed() {
    // Built once and renamed per node: building arbitraries inside flatMap per try is slow.
    Arbitrary<NodeState> anyNode = node("x");
    return Combinators.combine(
            name().list().ofMaxSize(3).uniqueElements(),
            anyNode.list().ofSize(3),
            Arbitraries.maps(name(), text()).ofMaxSize(2))
        .as(
            (names, states, unreachable) -> {
              Map<String, NodeState> m = new TreeMap<>();
              for (int i = 0; i < names.size(); i++) {
                NodeState n = states.get(i);
                m.put(
                    names.get(i),
                    new NodeState(
                        names.get(i),
                        n.volumeGroups(),
                        n.thinPools(),
                        n.zpools(),
                        n.logicalVolumes(),
                        n.zvols(),
                        n.luksDevices(),
                        n.drbdResources(),
                        n.nvmeSubsystems(),
                        n.nvmeConnections()));
              }
              return ObservedState.of(m, unreachable);
            });
  }
}
