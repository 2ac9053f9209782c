package io.strata.executors.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server on 127.0.0.1 (random port) for tests: public-key auth for one client key, and
 * exec requests run as {@code /bin/sh -c <command>} on this machine, like OpenSSH does.
 */
final class TestSshServer implements AutoCloseable {
  private final SshServer server;
  final AtomicInteger sessionsCreated = new AtomicInteger();
  final AtomicInteger commandsStarted = new AtomicInteger();

  /** The most commands that ever ran at once on one session. */
  final AtomicInteger mostAtOnceOnOneSession = new AtomicInteger();

  private final Map<Session, AtomicInteger> running = new ConcurrentHashMap<>();

  TestSshServer(List<KeyPair> hostKeys, PublicKey clientKey) throws IOException {
    this(hostKeys, clientKey, null);
  }

  /**
   * @param identification the software part of the server's banner ({@code dropbear_2022.83} makes
   *     it look like dropbear), or null for MINA's own
   */
  TestSshServer(List<KeyPair> hostKeys, PublicKey clientKey, String identification)
      throws IOException {
    server = SshServer.setUpDefaultServer();
    if (identification != null) {
      CoreModuleProperties.SERVER_IDENTIFICATION.set(server, identification);
    }
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys.toArray(KeyPair[]::new)));
    server.setPublickeyAuthenticator((user, key, s) -> KeyUtils.compareKeys(key, clientKey));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory(
        (channel, command) -> {
          commandsStarted.incrementAndGet();
          AtomicInteger onSession =
              running.computeIfAbsent(channel.getSession(), k -> new AtomicInteger());
          return new ShCommand(
              command,
              () -> mostAtOnceOnOneSession.accumulateAndGet(onSession.incrementAndGet(), Math::max),
              onSession::decrementAndGet);
        });
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessionsCreated.incrementAndGet();
          }
        });
    server.start();
  }

  int port() {
    return server.getPort();
  }

  static String publicKeyLine(KeyPair kp) {
    return PublicKeyEntry.toString(kp.getPublic()) + " test@host";
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Runs the exec string through /bin/sh, pumping the channel streams. */
  private static final class ShCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private final Runnable started;
    private final Runnable ended;
    private volatile Process process;

    ShCommand(String command, Runnable started, Runnable ended) {
      this.command = command;
      this.started = started;
      this.ended = ended;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      started.run();
      process = new ProcessBuilder("/bin/sh", "-c", command).start();
      Process p = process;
      Thread stdin =
          thread(
              () -> {
                try (OutputStream pin = p.getOutputStream()) {
                  in.transferTo(pin);
                } catch (IOException e) {
                  // the command stopped reading
                }
              });
      Thread stdout = thread(() -> pump(p.getInputStream(), out));
      Thread stderr = thread(() -> pump(p.getErrorStream(), err));
      thread(
          () -> {
            try {
              int code = p.waitFor();
              stdout.join();
              stderr.join();
              stdin.interrupt();
              ended.run();
              exit.onExit(code);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }

    private static void pump(InputStream from, OutputStream to) {
      try (from) {
        byte[] b = new byte[32 * 1024];
        int n;
        while ((n = from.read(b)) >= 0) {
          to.write(b, 0, n);
          to.flush();
        }
      } catch (IOException e) {
        // channel closed by the client
      }
    }

    private static Thread thread(Runnable r) {
      Thread t = new Thread(r, "test-sshd-command");
      t.setDaemon(true);
      t.start();
      return t;
    }

    @Override
    public void destroy(ChannelSession channel) {
      Process p = process;
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }
}
