package io.strata.executors.bench;

import io.strata.executors.drbd.DrbdStatusParser;
import io.strata.executors.drbd.ResFile;
import io.strata.executors.lvm.LvmParser;
import io.strata.planner.observed.DrbdConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long the observe parsers take on one large node (not a test; run by hand):
 *
 * <pre>
 * mvn -B -q -pl executors -am test-compile -o
 * java -cp "executors/target/test-classes:executors/target/classes:planner/target/classes:\
 * schema/target/classes:$(cat cp.txt)" io.strata.executors.bench.ParserBench
 * </pre>
 *
 * ({@code cp.txt} from {@code mvn -pl executors dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}).
 */
public final class ParserBench {
  private ParserBench() {}

  public static void main(String[] args) {
    int lvs = 10_000;
    int res = 1_000;
    StringBuilder j = new StringBuilder("{\"report\":[{\"lv\":[");
    for (int i = 0; i < lvs; i++) {
      j.append(i == 0 ? "" : ",")
          .append("{\"lv_name\":\"vol-")
          .append(i)
          .append(
              "_00000\",\"vg_name\":\"vg0\",\"lv_size\":\"10737418240\",\"lv_tags\":\"strata\",")
          .append(
              "\"pool_lv\":\"\",\"origin\":\"\",\"lv_attr\":\"-wi-a-----\",\"data_percent\":\"\"}");
    }
    String lvsJson = j.append("]}]}").toString();
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < res; i++) {
      s.append(i == 0 ? "" : ",")
          .append("{\"name\":\"vol-")
          .append(i)
          .append("\",\"node-id\":0,\"role\":\"Secondary\",\"devices\":[{\"volume\":0,\"minor\":")
          .append(1000 + i)
          .append(",\"disk-state\":\"UpToDate\",\"size\":10485760}],\"connections\":[")
          .append("{\"peer-node-id\":1,\"name\":\"bravo\",\"connection-state\":\"Connected\",")
          .append("\"peer_devices\":[{\"volume\":0,\"replication-state\":\"Established\",")
          .append("\"peer-disk-state\":\"UpToDate\",\"percent-in-sync\":100.00}]}]}");
    }
    String statusJson = s.append("]").toString();
    List<DrbdConfig> configs = new ArrayList<>();
    for (int i = 0; i < res; i++) {
      configs.add(
          DrbdConfig.of(
              "vol-" + i,
              7000 + i % 1000,
              1000 + i,
              "C",
              Map.of("quorum", "majority"),
              List.of(
                  new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/vg0/vol-" + i + "_00000"),
                  new DrbdConfig.Host("bravo", 1, "10.0.0.2", "/dev/vg0/vol-" + i + "_00000"),
                  new DrbdConfig.Host("gamma", 2, "10.0.0.3", null)),
              7));
    }
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      int n = LvmParser.logicalVolumes(lvsJson).volumes().size();
      long t1 = System.nanoTime();
      int m = DrbdStatusParser.parse(statusJson).size();
      long t2 = System.nanoTime();
      int k = 0;
      for (DrbdConfig c : configs) {
        k += ResFile.parse(ResFile.render(c, "secret")).hosts().size();
      }
      long t3 = System.nanoTime();
      System.out.printf(
          "round %d: lvs %d LVs %.1f ms | drbd status %d resources %.1f ms | res render+parse %d"
              + " files %.1f ms (%d hosts)%n",
          round, n, (t1 - t0) / 1e6, m, (t2 - t1) / 1e6, configs.size(), (t3 - t2) / 1e6, k);
    }
  }
}
