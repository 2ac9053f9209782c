package io.strata.planner.observed;

/**
 * An NVMe-oF controller connection on an initiator, from {@code nvme list-subsys -o json}. {@code
 * state} is the path state ("live", "connecting", …); {@code device} the namespace block device.
 */
public record NvmeConnection(
    String nqn, String transport, String address, int serviceId, String state, String device) {
  public boolean live() {
    return "live".equals(state);
  }

  /** The same path with another namespace device (null: none). */
  public NvmeConnection withDevice(String device) {
    return new NvmeConnection(nqn, transport, address, serviceId, state, device);
  }
}
