package io.strata.schema.model;

/** {@code kind: Node}: a storage node, how to reach it, and whether to evacuate it. */
public record Node(Metadata metadata, String address, Connection connection, boolean evacuate) {
  public String name() {
    return metadata.name();
  }

  /** Where SSH connects: {@code connection.host}, else the data {@code address}. */
  public String sshHost() {
    return connection.host() != null ? connection.host() : address;
  }

  /**
   * {@code spec.connection}. {@code host}, {@code user}, {@code port}, {@code hostKey}, {@code
   * sudo} apply to ssh only; {@code host} (null: the node's {@code address}) is where SSH connects,
   * so management and data traffic may take different routes.
   */
  public record Connection(
      Type type, String host, String user, int port, String hostKey, boolean sudo) {
    public enum Type {
      SSH,
      LOCAL,
      SIMULATED
    }

    public static Connection simulated() {
      return new Connection(Type.SIMULATED, null, null, 22, null, false);
    }

    /** Without a separate SSH host: SSH connects to the node's address. */
    public Connection(Type type, String user, int port, String hostKey, boolean sudo) {
      this(type, null, user, port, hostKey, sudo);
    }
  }
}
