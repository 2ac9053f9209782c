package io.strata.executors.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.sshd.client.session.ClientSession;

/**
 * The SSH connections of one node. A server that runs concurrent channels on one connection
 * reliably — OpenSSH — gets one connection, shared by every command as concurrent channels.
 * Dropbear does not: with three or four commands at once on one connection it now and then closes a
 * channel whose command still runs, without an exit status, and the command dies of SIGPIPE (the
 * kernel lab's nodes; docs/decisions/043). A command whose outcome is unknown is what the
 * data-safety rules avoid, so on dropbear every command has a connection to itself: an idle one is
 * reused, a new one opened while fewer than {@link #MAX_EXCLUSIVE} exist, and a command beyond that
 * waits for one.
 */
final class SshConnectionPool {
  /** Connections to one dropbear node at most: under OpenSSH's default MaxStartups of 10. */
  static final int MAX_EXCLUSIVE = 8;

  /** A connection lent to one command; exclusive ones go back to the pool after it. */
  record Lease(SshConnection connection, boolean exclusive) {}

  private final String node;
  private final SshConnection first;
  private final Supplier<SshConnection> more;
  private final Deque<SshConnection> idle = new ArrayDeque<>(); // guarded by this
  private final List<SshConnection> all = new ArrayList<>(); // guarded by this
  private boolean closed; // guarded by this

  SshConnectionPool(String node, Supplier<SshConnection> connections) {
    this.node = node;
    this.more = connections;
    this.first = connections.get();
    all.add(first);
    idle.add(first);
  }

  /**
   * Whether a server identified by {@code version} (its SSH banner) gets a connection per command.
   */
  static boolean needsOneChannelPerConnection(String version) {
    return version != null && version.toLowerCase(Locale.ROOT).contains("dropbear");
  }

  /**
   * A connection for one command: the shared one, or on dropbear one of its own.
   *
   * @throws HostUnreachableException when the node cannot be reached, or the host was closed
   */
  Lease lease() {
    ClientSession s = first.session(); // connects first: the banner says which kind of server
    if (!needsOneChannelPerConnection(s.getServerVersion())) {
      return new Lease(first, false);
    }
    synchronized (this) {
      while (true) {
        if (closed) {
          throw new HostUnreachableException(node, "the SSH connections were closed");
        }
        SshConnection c = idle.pollFirst();
        if (c != null) {
          return new Lease(c, true);
        }
        if (all.size() < MAX_EXCLUSIVE) {
          c = more.get();
          all.add(c);
          return new Lease(c, true);
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HostUnreachableException(
              node, "interrupted while waiting for an SSH connection");
        }
      }
    }
  }

  void release(Lease lease) {
    if (!lease.exclusive()) {
      return;
    }
    synchronized (this) {
      if (!closed) { // else close() has closed it with the others
        idle.addFirst(lease.connection()); // the most recently used is the one most likely alive
        notifyAll();
      }
    }
  }

  /** The first connection's session, connecting if needed (tests count and close sessions). */
  ClientSession session() {
    return first.session();
  }

  synchronized void close() {
    closed = true;
    all.forEach(SshConnection::close);
    idle.clear();
    notifyAll();
  }
}
