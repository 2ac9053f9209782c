package io.strata.executors.host;

import io.strata.planner.render.ShellQuote;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * A node reached over SSH (Apache MINA SSHD): the server must present exactly the pinned host key;
 * public-key authentication only; one session per node, reused by all commands (concurrent commands
 * are concurrent channels) and reopened when it was closed — except on dropbear, where each command
 * has a session to itself ({@link SshConnectionPool}). A command is its argv with every element
 * single-quoted for the remote shell, behind {@code env LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1} and,
 * with {@code sudo}, {@code sudo -n --} (never prompts).
 *
 * <p>A timeout closes the channel; OpenSSH then closes the command's pipes, but a command that
 * neither reads nor writes may keep running on the node.
 */
public final class SshHost implements Host, AutoCloseable {
  private final SshHostConfig config;
  private final SshConnectionPool connections;
  private final long outputCap;
  private final SshFiles files = new SshFiles(this);

  public SshHost(SshHostConfig config, SshTransport transport) {
    this(config, transport, SshConnection.loadIdentities(config), LocalHost.DEFAULT_OUTPUT_CAP);
  }

  /** With identities given directly (tests, or keys from a secret store). */
  public SshHost(
      SshHostConfig config, SshTransport transport, List<KeyPair> identities, long outputCap) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(transport, "transport");
    this.connections =
        new SshConnectionPool(
            config.node(), () -> new SshConnection(config, transport, identities));
    if (outputCap <= 0) {
      throw new IllegalArgumentException("outputCap must be positive, got " + outputCap);
    }
    this.outputCap = outputCap;
  }

  @Override
  public String name() {
    return config.node();
  }

  /** The exact string sent as the SSH exec request for {@code argv}. */
  public String remoteCommand(List<String> argv) {
    List<String> full = new ArrayList<>();
    if (config.sudo()) {
      full.addAll(List.of("sudo", "-n", "--"));
    }
    full.add("env");
    LocalHost.ENVIRONMENT.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> full.add(e.getKey() + "=" + e.getValue()));
    full.addAll(argv);
    return ShellQuote.join(full);
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    return run(argv, stdin, timeout, OutputListener.NONE);
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout, OutputListener stderr) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("run: argv is empty — give at least the program name");
    }
    SshConnectionPool.Lease lease = connections.lease();
    try {
      return run(lease.connection(), argv, stdin, timeout, stderr);
    } finally {
      connections.release(lease);
    }
  }

  private Result run(
      SshConnection connection,
      List<String> argv,
      byte[] stdin,
      Duration timeout,
      OutputListener stderr) {
    String command = remoteCommand(argv);
    // Past the cap the channel is closed: the command's pipes close on the node and it ends.
    AtomicReference<ChannelExec> current = new AtomicReference<>();
    Runnable stop =
        () -> {
          ChannelExec ch = current.get();
          if (ch != null) {
            ch.close(true);
          }
        };
    CappedBuffer out = new CappedBuffer(outputCap, stop);
    CappedBuffer err = new CappedBuffer(outputCap, stop, stderr);
    ChannelExec channel = connection.openChannel(command, out, err);
    current.set(channel);
    if (out.overflowed() || err.overflowed()) {
      stop.run(); // the cap was hit before we could close the channel from the callback
    }
    try (channel) {
      try (OutputStream in = channel.getInvertedIn()) {
        if (stdin != null && stdin.length > 0) {
          in.write(stdin);
          in.flush();
        }
      } catch (IOException e) {
        // The command ended without reading all its input; its exit status tells the story.
      } // closing sends EOF, so `cat` and friends end
      Set<ClientChannelEvent> events =
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (events.contains(ClientChannelEvent.TIMEOUT)) {
        channel.close(true);
        return new Result(
            argv,
            LocalHost.EXIT_TIMED_OUT,
            out.bytes(),
            CappedBuffer.withNote(err.bytes(), "timed out after " + timeout + "; channel closed"),
            true);
      }
      if (out.overflowed() || err.overflowed()) {
        String which = out.overflowed() ? "stdout" : "stderr";
        return new Result(
            argv,
            LocalHost.EXIT_OUTPUT_CAP,
            out.bytes(),
            CappedBuffer.withNote(
                err.bytes(), which + " exceeded the output cap of " + outputCap + " bytes"),
            false);
      }
      Integer status = channel.getExitStatus();
      if (status == null) {
        String signal = channel.getExitSignal();
        if (signal != null) {
          return new Result(
              argv,
              signalExitCode(signal),
              out.bytes(),
              CappedBuffer.withNote(err.bytes(), "killed by signal " + signal),
              false);
        }
        throw new HostUnreachableException(
            name(),
            "connection lost while running "
                + argv.get(0)
                + "; the command may or may not have completed");
      }
      return new Result(argv, status, out.bytes(), err.bytes(), false);
    } catch (IOException e) {
      throw new HostUnreachableException(
          name(), "I/O error while running " + argv.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** As a shell reports a death by signal: 128 + the signal number (255 when unknown). */
  static int signalExitCode(String signal) {
    int n =
        switch (signal) {
          case "HUP" -> 1;
          case "INT" -> 2;
          case "QUIT" -> 3;
          case "ABRT" -> 6;
          case "KILL" -> 9;
          case "SEGV" -> 11;
          case "PIPE" -> 13;
          case "ALRM" -> 14;
          case "TERM" -> 15;
          default -> 127;
        };
    return 128 + n;
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    files.write(path, content, mode);
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    return files.read(path);
  }

  @Override
  public List<String> list(Path dir) {
    return files.list(dir);
  }

  @Override
  public FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    return files.readTree(root, maxDepth, read);
  }

  @Override
  public void deleteFile(Path path) {
    files.delete(path);
  }

  /** The node's first session, connecting if needed (tests use it to count and close sessions). */
  ClientSession session() {
    return connections.session();
  }

  @Override
  public void close() {
    connections.close();
  }
}
