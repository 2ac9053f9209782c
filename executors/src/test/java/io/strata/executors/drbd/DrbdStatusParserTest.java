package io.strata.executors.drbd;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.executors.layer.Json;
import io.strata.executors.layer.ObservationException;
import io.strata.planner.observed.DrbdResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdStatusParserTest {
  static final String DIR = "drbd9/status-json/";

  @Test
  void twoNodeUpToDate() {
    Map<String, DrbdResource.Runtime> rs =
        DrbdStatusParser.parse(
            fixture(DIR + "salt-shaptools_beijing_2node-uptodate_drbd9.0.16.json"));
    assertEquals(
        Map.of(
            "beijing",
            new DrbdResource.Runtime(
                "Primary",
                1,
                "UpToDate",
                307152L * 1024,
                List.of(
                    new DrbdResource.Peer(
                        "salt-node3", 2, "Connected", "UpToDate", "Established", 100.0)))),
        rs);
  }

  @Test
  void bareNanFromOlderUtilsIsTolerated() {
    DrbdResource.Runtime rt =
        DrbdStatusParser.parse(
                fixture(DIR + "salt-shaptools_shanghai_syncsource-with-sync-details_nan.json"))
            .get("shanghai");
    assertEquals("UpToDate", rt.diskState());
    DrbdResource.Peer p = rt.peers().get(0);
    assertEquals("SyncSource", p.replicationState());
    assertEquals("Inconsistent", p.peerDiskState());
    assertEquals(0.0, p.percentInSync());
  }

  @Test
  void fiveResourcesReIndentedWithTrailingSpaces() {
    Map<String, DrbdResource.Runtime> rs =
        DrbdStatusParser.parse(
            fixture(DIR + "ha_cluster_exporter_5res-secondary_sle15sp1_go-indented.json"));
    assertEquals(
        List.of("1-single-0", "1-single-1", "vg1", "vg2", "vg3"), List.copyOf(rs.keySet()));
    rs.values().forEach(r -> assertEquals("Secondary", r.role()));
    assertEquals(10200L * 1024, rs.get("1-single-1").sizeBytes());
    // drbdsetup prints "Connected", with a trailing space inside the line; the value is clean
    assertEquals("Connected", rs.get("vg1").peers().get(0).connectionState());
  }

  @Test
  void shanghaiAndUnsignedCounterFragment() {
    assertEquals(
        "UpToDate",
        DrbdStatusParser.parse(fixture(DIR + "salt-shaptools_shanghai_2node-uptodate.json"))
            .get("shanghai")
            .diskState());
    // a connection object with ap-in-flight = 2^64 - 8 (u64 underflow seen in the wild)
    var conn =
        Json.read("x", fixture(DIR + "piraeus-ha-controller_connections-fragment_connecting.json"))
            .get(0);
    assertEquals(
        new DrbdResource.Peer("4b", 0, "Connecting", "DUnknown", "Off", 100.0),
        DrbdStatusParser.peer(conn));
  }

  @Test
  void emptyArrayAndGarbage() {
    assertEquals(Map.of(), DrbdStatusParser.parse("[\n]\n"));
    assertThrows(ObservationException.class, () -> DrbdStatusParser.parse("USAGE: drbdsetup"));
    assertThrows(ObservationException.class, () -> DrbdStatusParser.parse("{}"));
  }

  @Test
  void sanitizeLeavesStringsAlone() {
    assertEquals(
        "{\"name\": \"nan\", \"x\": null, \"y\": null, \"inflight\": 1}",
        DrbdStatusParser.sanitize("{\"name\": \"nan\", \"x\": nan, \"y\": -inf, \"inflight\": 1}"));
  }
}
