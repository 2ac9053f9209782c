package io.strata.executors.sim.state;

/** An NVMe-oF controller this node (as initiator) is connected to. */
public final class NvmeController {
  public String name;
  public int instance;
  public String subsysNqn;
  public String transport;
  public String traddr;
  public String trsvcid;
  public String hostNqn;
  public String hostId;
  public String targetNode;
}
