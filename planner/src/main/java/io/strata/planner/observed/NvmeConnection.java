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
}
