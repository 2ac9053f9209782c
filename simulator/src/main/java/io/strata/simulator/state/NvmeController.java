package io.strata.simulator.state;

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

  /**
   * Namespaces seen at connect. Their block devices stay when the target goes away (I/O queues for
   * ctrl_loss_tmo); empty in states saved before this field: nsid 1, Strata's only one.
   */
  public java.util.TreeSet<Integer> nsids = new java.util.TreeSet<>();
}
