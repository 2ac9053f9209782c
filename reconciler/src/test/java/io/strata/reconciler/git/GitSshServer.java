package io.strata.reconciler.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A Git server over SSH on 127.0.0.1 for tests: Apache MINA SSHD accepts one client key and runs
 * the real {@code git-upload-pack} / {@code git-receive-pack} for repositories under {@code root}.
 */
final class GitSshServer implements AutoCloseable {
  private final SshServer server;
  private final PublicKey hostKey;

  GitSshServer(Path root, Path hostKeyFile, PublicKey clientKey) throws Exception {
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    keys.setKeySize(256);
    hostKey = keys.loadKeys(null).iterator().next().getPublic();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(keys);
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
    server.setCommandFactory((CommandFactory) (channel, command) -> new GitCommand(command, root));
    server.start();
  }

  int port() {
    return server.getPort();
  }

  PublicKey hostKey() {
    return hostKey;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Runs {@code git-upload-pack '/repo.git'} against {@code root/repo.git}. */
  private static final class GitCommand extends AbstractCommandSupport {
    private final Path root;

    GitCommand(String command, Path root) {
      super(command, null);
      this.root = root;
    }

    @Override
    public void run() {
      List<String> words = CommandFactory.split(getCommand());
      String verb = words.get(0);
      String repo = words.get(1).replace("'", "");
      if (!verb.equals("git-upload-pack") && !verb.equals("git-receive-pack")) {
        onExit(127, "unsupported command " + verb);
        return;
      }
      try {
        Process p =
            new ProcessBuilder(verb, root.resolve(repo.replaceFirst("^/", "")).toString()).start();
        Thread in = pump(getInputStream(), p.getOutputStream(), true);
        Thread err = pump(p.getErrorStream(), getErrorStream(), false);
        // Flush every chunk: the protocol is a conversation, buffering until exit deadlocks it.
        Thread out = pump(p.getInputStream(), getOutputStream(), false);
        int code = p.waitFor();
        out.join(5000);
        err.join(2000);
        in.interrupt();
        onExit(code);
      } catch (IOException | InterruptedException e) {
        onExit(1, e.toString());
      }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTo) {
      Thread t =
          new Thread(
              () -> {
                try {
                  byte[] buf = new byte[8192];
                  int n;
                  while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                  }
                } catch (IOException e) {
                  // the other side ended
                } finally {
                  if (closeTo) {
                    try {
                      to.close();
                    } catch (IOException e) {
                      // ignore
                    }
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      return t;
    }
  }
}
