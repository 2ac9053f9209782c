package io.strata.executors.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * The SSH client shared by all {@link SshHost}s (one I/O thread pool, not one per node), with the
 * pinned-key verifier and no other way to trust a server (no known_hosts, no agent). Close it when
 * done.
 *
 * <p>ssh-ed25519 (host keys and client keys) needs Bouncy Castle on the classpath: MINA SSHD 2.x
 * does not use the JDK's EdDSA, and registers the {@code BC} JCA provider itself when it finds it
 * (it then also serves ECDSA/ECDH). Nothing here registers a provider.
 */
public final class SshTransport implements AutoCloseable {
  private final SshClient client;

  private SshTransport(SshClient client) {
    this.client = client;
  }

  public static SshTransport start() {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new PinnedHostKeyVerifier());
    client.addSessionListener(new PinnedAlgorithms());
    client.start();
    return new SshTransport(client);
  }

  SshClient client() {
    return client;
  }

  @Override
  public void close() {
    client.stop();
  }

  /**
   * Offers only host key algorithms of the pinned key's type. Otherwise the server may pick another
   * of its keys (RSA instead of the pinned ECDSA) and a legitimate server would look like a changed
   * key.
   */
  private static final class PinnedAlgorithms implements SessionListener {
    @Override
    public void sessionNegotiationOptionsCreated(
        Session session, Map<KexProposalOption, String> proposal) {
      var ctx =
          session instanceof org.apache.sshd.client.session.ClientSession cs
              ? cs.getConnectionContext()
              : null;
      PinnedHostKeyVerifier.Expectation e =
          ctx == null ? null : ctx.getAttribute(PinnedHostKeyVerifier.EXPECTATION);
      String offered = proposal.get(KexProposalOption.SERVERKEYS);
      if (e == null || e.pin == null || offered == null) {
        return;
      }
      List<String> keep = new ArrayList<>();
      for (String alg : offered.split(",")) {
        if (algorithmFits(alg, e.pin.type())) {
          keep.add(alg);
        }
      }
      if (!keep.isEmpty()) {
        proposal.put(KexProposalOption.SERVERKEYS, String.join(",", keep));
      }
    }

    private static boolean algorithmFits(String alg, String keyType) {
      if (keyType.equals("ssh-rsa")) {
        return alg.equals("rsa-sha2-512") || alg.equals("rsa-sha2-256") || alg.equals("ssh-rsa");
      }
      return alg.equals(keyType);
    }
  }
}
