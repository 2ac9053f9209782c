package io.strata.planner.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.testing.Observed;
import io.strata.schema.model.ResourceTemplate.DrbdOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DrbdAllocatorTest {
  static final DrbdOptions OPTS =
      new DrbdOptions("C", "majority", true, Map.of("max-buffers", "8000"));

  static NodeState withResource(String node, DrbdConfig cfg) {
    NodeState n = Observed.emptyNode(node, 10);
    return new NodeState(
        n.node(),
        n.volumeGroups(),
        n.thinPools(),
        n.zpools(),
        List.of(),
        List.of(),
        List.of(),
        List.of(new DrbdResource(cfg.resource(), true, cfg, null)),
        List.of(),
        List.of());
  }

  static List<DrbdAllocator.HostSpec> hosts(String... nodes) {
    return Arrays.stream(nodes)
        .map(n -> new DrbdAllocator.HostSpec(n, "10.0.0.1", "/dev/x"))
        .toList();
  }

  @Test
  void lowestFreeValuesWhenNothingIsObserved() {
    DrbdAllocator a = new DrbdAllocator(ObservedIndex.of(Observed.fresh(10, "alpha", "beta")));
    DrbdConfig c1 = a.config("a", OPTS, hosts("beta", "alpha"), 7);
    assertEquals(7000, c1.port());
    assertEquals(1000, c1.minor());
    assertEquals(List.of("alpha", "beta"), c1.hosts().stream().map(DrbdConfig.Host::node).toList());
    assertEquals(List.of(0, 1), c1.hosts().stream().map(DrbdConfig.Host::nodeId).toList());
    assertEquals(Map.of("max-buffers", "8000", "quorum", "majority"), c1.options());
    DrbdConfig c2 = a.config("b", OPTS, hosts("alpha"), 7);
    assertEquals(7001, c2.port(), "alpha already listens on 7000");
    assertEquals(1001, c2.minor());
  }

  @Test
  void optionKeysAreCanonicalAsTheExecutorsParseThemBack() {
    DrbdOptions prefixed =
        new DrbdOptions(
            "C",
            "majority",
            true,
            Map.of(
                "disk.al-extents", "6007",
                "net.max-buffers", "8000",
                "options.on-no-quorum", "io-error",
                "disk.max-buffers", "9000",
                "options.quorum", "off",
                "c-max-rate", "750M"));
    DrbdAllocator a = new DrbdAllocator(ObservedIndex.of(Observed.fresh(10, "alpha")));
    assertEquals(
        Map.of(
            "al-extents", "6007",
            "max-buffers", "8000",
            "on-no-quorum", "io-error",
            "disk.max-buffers", "9000",
            "quorum", "off",
            "c-max-rate", "750M"),
        a.config("a", prefixed, hosts("alpha"), 7).options(),
        "a prefix that plain routing implies is dropped; an explicit other section is kept;"
            + " options.quorum wins over the quorum field");
  }

  @Test
  void twoSpellingsOfOneOptionCollapseDeterministically() {
    assertEquals(
        Map.of("al-extents", "2"),
        DrbdOptionKeys.canonicalize(
            new TreeMap<>(Map.of("al-extents", "1", "disk.al-extents", "2"))));
    assertEquals("net.al-extents", DrbdOptionKeys.canonical("net.al-extents"));
    assertEquals("verify-alg", DrbdOptionKeys.canonical("net.verify-alg"));
  }

  @Test
  void portsAreUniquePerNodeMinorsEverywhere() {
    DrbdAllocator a = new DrbdAllocator(ObservedIndex.of(Observed.fresh(10, "alpha", "beta")));
    a.config("a", OPTS, hosts("alpha"), 7);
    DrbdConfig b = a.config("b", OPTS, hosts("beta"), 7);
    assertEquals(7000, b.port(), "beta has no resource on 7000");
    assertEquals(1001, b.minor(), "minors are unique cluster-wide");
  }

  @Test
  void observedValuesAreKeptAndNewHostsGetTheLowestFreeNodeId() {
    DrbdConfig seen =
        DrbdConfig.of(
            "a",
            7005,
            1009,
            "C",
            Map.of(),
            List.of(
                new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/x"),
                new DrbdConfig.Host("gamma", 2, "10.0.0.3", "/dev/x")),
            7);
    TreeMap<String, NodeState> m = new TreeMap<>();
    m.put("alpha", withResource("alpha", seen));
    m.put("beta", Observed.emptyNode("beta", 10));
    DrbdAllocator a = new DrbdAllocator(ObservedIndex.of(ObservedState.of(m, Map.of())));
    DrbdConfig c = a.config("a", OPTS, hosts("alpha", "beta"), 31);
    assertEquals(7005, c.port());
    assertEquals(1009, c.minor());
    assertEquals(7, c.peerSlots(), "peer slots are fixed in the metadata");
    assertEquals(List.of(0, 1), c.hosts().stream().map(DrbdConfig.Host::nodeId).toList());
    DrbdConfig other = a.config("b", OPTS, hosts("alpha"), 7);
    assertEquals(1000, other.minor());
    assertEquals(7000, other.port());
  }

  @Test
  void aNewHostWhosePortIsTakenMovesTheResource() {
    DrbdConfig a =
        DrbdConfig.of(
            "a",
            7000,
            1000,
            "C",
            Map.of(),
            List.of(new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/x")),
            7);
    DrbdConfig b =
        DrbdConfig.of(
            "b",
            7000,
            1001,
            "C",
            Map.of(),
            List.of(new DrbdConfig.Host("beta", 0, "10.0.0.2", "/dev/x")),
            7);
    TreeMap<String, NodeState> m = new TreeMap<>();
    m.put("alpha", withResource("alpha", a));
    m.put("beta", withResource("beta", b));
    DrbdAllocator alloc = new DrbdAllocator(ObservedIndex.of(ObservedState.of(m, Map.of())));
    DrbdConfig grown = alloc.config("a", OPTS, hosts("alpha", "beta"), 7);
    assertEquals(7001, grown.port(), "moves to a port free on alpha and beta");
    assertEquals(
        List.of("a: DRBD port moves from 7000 to 7001 because a new host already uses 7000"),
        alloc.warnings());
  }

  /**
   * The first node's view of a resource can be stale (a node leaving keeps its old config until its
   * teardown): a host it does not list that already runs this resource on the port is no conflict.
   * Counting it moved the port on one plan and back on the next, forever.
   */
  @Test
  void aHostAlreadyRunningTheResourceOnItsPortDoesNotMoveIt() {
    DrbdConfig stale =
        DrbdConfig.of(
            "a",
            7000,
            1000,
            "C",
            Map.of(),
            List.of(
                new DrbdConfig.Host("alpha", 0, "10.0.0.1", null),
                new DrbdConfig.Host("beta", 1, "10.0.0.2", "/dev/x")),
            7);
    DrbdConfig current =
        DrbdConfig.of(
            "a",
            7000,
            1000,
            "C",
            Map.of(),
            List.of(
                new DrbdConfig.Host("beta", 1, "10.0.0.2", "/dev/x"),
                new DrbdConfig.Host("gamma", 2, "10.0.0.3", null)),
            7);
    TreeMap<String, NodeState> m = new TreeMap<>();
    m.put("alpha", withResource("alpha", stale));
    m.put("beta", withResource("beta", current));
    m.put("gamma", withResource("gamma", current));
    DrbdAllocator alloc = new DrbdAllocator(ObservedIndex.of(ObservedState.of(m, Map.of())));
    DrbdConfig c = alloc.config("a", OPTS, hosts("beta", "gamma"), 7);
    assertEquals(7000, c.port());
    assertEquals(List.of(), alloc.warnings());
  }
}
