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

  /**
   * The identifiers ({@code device_uuid} and {@code device_nguid}) of each namespace as the
   * initiator last saw it. A namespace the target re-created with another one is dropped on
   * reconnect ("identifiers changed for nsid N", lab finding, decision 032) until a rescan or a new
   * connect; empty in older saved states.
   */
  public java.util.TreeMap<Integer, String> nsIdentities = new java.util.TreeMap<>();
}
