package io.strata.schema.model;

/** {@code kind: Node}: a storage node, how to reach it, and whether to evacuate it. */
public record Node(Metadata metadata, String address, Connection connection, boolean evacuate) {
  public String name() {
    return metadata.name();
  }

  /**
   * {@code spec.connection}. {@code user}, {@code port}, {@code hostKey}, {@code sudo} apply to ssh
   * only.
   */
  public record Connection(Type type, String user, int port, String hostKey, boolean sudo) {
    public enum Type {
      SSH,
      LOCAL,
      SIMULATED
    }

    public static Connection simulated() {
      return new Connection(Type.SIMULATED, null, 22, null, false);
    }
  }
}
