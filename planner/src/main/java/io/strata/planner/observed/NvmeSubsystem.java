package io.strata.planner.observed;

import java.util.List;

/**
 * An nvmet subsystem from the configfs tree, with its namespaces, the ports it is linked to, and
 * the host NQNs allowed ({@code allowAnyHost} when attr_allow_any_host is 1). Strata owns
 * subsystems whose NQN starts with {@code nqn.2014-08.io.strata:}.
 */
public record NvmeSubsystem(
    String nqn,
    List<Namespace> namespaces,
    List<Port> ports,
    List<String> allowedHosts,
    boolean allowAnyHost) {
  public static final String NQN_PREFIX = "nqn.2014-08.io.strata:";

  public NvmeSubsystem {
    namespaces = List.copyOf(namespaces);
    ports = List.copyOf(ports);
    allowedHosts = List.copyOf(allowedHosts);
  }

  public boolean owned() {
    return nqn.startsWith(NQN_PREFIX);
  }

  /** {@code namespaces/<nsid>}: the exported block device and whether it is enabled. */
  public record Namespace(int nsid, String devicePath, boolean enabled, long sizeBytes) {}

  /** {@code ports/<id>}: transport type, address family, address and service id (TCP port). */
  public record Port(int id, String transport, String address, int serviceId) {}
}
