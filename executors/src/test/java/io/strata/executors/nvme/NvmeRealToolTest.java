package io.strata.executors.nvme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.ProcessHost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real nvme-cli accepts every flag NvmeCommands builds (it prints "unrecognized option" and its
 * usage otherwise). Without NVMe in this kernel the commands then fail to scan the topology, which
 * NvmeParser.noTopology recognises; with a kernel they fail to reach 127.0.0.1:1 instead.
 */
class NvmeRealToolTest {
  @Test
  void flagsAreAccepted() {
    ProcessHost.assumeTools("nvme");
    ProcessHost host = new ProcessHost();
    for (Command c :
        List.of(
            NvmeCommands.connect(
                "tcp",
                "127.0.0.1",
                1,
                "nqn.2014-08.io.strata:rt",
                "nqn.2014-08.org.nvmexpress:uuid:00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-0000-000000000001"),
            NvmeCommands.disconnect("nqn.2014-08.io.strata:rt"),
            NvmeCommands.listSubsys())) {
      Result r = host.run(c.argv(), c.stdin(), Duration.ofSeconds(30));
      assertFalse(r.err().contains("unrecognized option"), r.err());
      assertFalse(r.out().contains("Usage:") || r.err().contains("Usage:"), r.err());
      if (c.argv().get(1).equals("list-subsys") && !r.success()) {
        assertTrue(NvmeParser.noTopology(r), r.err());
      }
    }
  }
}
