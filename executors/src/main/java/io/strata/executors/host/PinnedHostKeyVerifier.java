package io.strata.executors.host;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Accepts a server only if it presents exactly the key pinned for the node being connected to. One
 * verifier serves the shared client; the node's {@link Expectation} travels in the connection
 * context. There is no trust-on-first-use: an unknown or changed key is refused, and the reason is
 * kept in the expectation so the caller can say which key was expected and which was presented.
 */
final class PinnedHostKeyVerifier implements ServerKeyVerifier {
  static final AttributeRepository.AttributeKey<Expectation> EXPECTATION =
      new AttributeRepository.AttributeKey<>();

  /** The pinned key of one node (null pin: none configured) and the last refusal. */
  static final class Expectation {
    final String node;
    final HostKeyPin pin;
    final AtomicReference<String> refusal = new AtomicReference<>();

    Expectation(String node, HostKeyPin pin) {
      this.node = node;
      this.pin = pin;
    }
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    AttributeRepository ctx = session.getConnectionContext();
    Expectation e = ctx == null ? null : ctx.getAttribute(EXPECTATION);
    if (e == null) {
      return false; // a connection not made by SshHost: never trusted
    }
    byte[] presented;
    try {
      String line = PublicKeyEntry.toString(key);
      presented = Base64.getDecoder().decode(line.substring(line.indexOf(' ') + 1).trim());
    } catch (RuntimeException ex) {
      e.refusal.set("cannot encode the presented host key (" + key.getAlgorithm() + "): " + ex);
      return false;
    }
    String presentedFp = HostKeyPin.fingerprint(presented);
    if (e.pin == null) {
      e.refusal.set(
          "unknown host key: "
              + remote
              + " presented "
              + presentedFp
              + " and no hostKey is pinned for node "
              + e.node
              + " — verify the key out of band (ssh-keygen -lf on the node) and set"
              + " spec.connection.hostKey");
      return false;
    }
    if (!e.pin.matches(presented)) {
      e.refusal.set(
          "host key CHANGED: expected "
              + e.pin.fingerprint()
              + " ("
              + e.pin.type()
              + ", pinned in spec.connection.hostKey) but "
              + remote
              + " presented "
              + presentedFp
              + " — if node "
              + e.node
              + " was reinstalled, verify and re-pin its key; otherwise someone may be"
              + " intercepting the connection");
      return false;
    }
    return true;
  }
}
