package io.strata.executors.host;

import java.io.IOException;
import java.io.OutputStream;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/**
 * One SSH session to a node: connected on first use with the pinned-key expectation and the node's
 * identities, reopened when it was closed; shared by all commands, or lent to one command at a time
 * on dropbear ({@link SshConnectionPool}).
 */
final class SshConnection {
  private final SshHostConfig config;
  private final SshTransport transport;
  private final PinnedHostKeyVerifier.Expectation expectation;
  private final List<KeyPair> identities;
  private ClientSession session; // guarded by this

  SshConnection(SshHostConfig config, SshTransport transport, List<KeyPair> identities) {
    this.config = config;
    this.transport = transport;
    this.identities = List.copyOf(identities);
    HostKeyPin pin =
        config.hostKey() == null ? null : HostKeyPin.parse(config.node(), config.hostKey());
    if (pin != null) {
      requireSupported(pin);
    }
    this.expectation = new PinnedHostKeyVerifier.Expectation(config.node(), pin);
  }

  private String name() {
    return config.node();
  }

  /**
   * Refuses, before any connection, a pin whose type the client cannot verify: otherwise every
   * connect would fail with a vague negotiation error. ssh-ed25519 comes from Bouncy Castle (MINA
   * SSHD 2.x does not use the JDK's EdDSA), so its absence means bcprov was left off the classpath.
   */
  private void requireSupported(HostKeyPin pin) {
    List<String> algs = transport.client().getSignatureFactoriesNames();
    boolean ok =
        pin.type().equals("ssh-rsa") ? algs.contains("rsa-sha2-256") : algs.contains(pin.type());
    if (ok) {
      return;
    }
    String fix =
        pin.type().equals("ssh-ed25519")
            ? " — this build lacks Bouncy Castle (org.bouncycastle:bcprov-jdk18on), which the SSH"
                + " client needs for ed25519; put it on the classpath"
            : " — pin one of the node's keys of a supported type instead, e.g. `ssh-keyscan -t"
                + " ed25519 "
                + config.address()
                + "` (or verify on the node: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)";
    throw new IllegalArgumentException(
        "node "
            + config.node()
            + ": pinned host key type "
            + pin.type()
            + " is not supported by this build's SSH client (supported: "
            + algs
            + ")"
            + fix);
  }

  static List<KeyPair> loadIdentities(SshHostConfig config) {
    List<KeyPair> keys = new ArrayList<>();
    try {
      new FileKeyPairProvider(config.privateKey()).loadKeys(null).forEach(keys::add);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "node "
              + config.node()
              + ": cannot load the SSH private key "
              + config.privateKey()
              + " ("
              + e.getMessage()
              + ") — give an unencrypted Ed25519, ECDSA or RSA key in OpenSSH or PEM format",
          e);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "node " + config.node() + ": no key found in " + config.privateKey());
    }
    return keys;
  }

  /** Opens an exec channel, reconnecting once if the reused session turned out to be dead. */
  ChannelExec openChannel(String command, OutputStream out, OutputStream err) {
    IOException last = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      ClientSession s = session();
      try {
        ChannelExec ch = s.createExecChannel(command);
        ch.setOut(out);
        ch.setErr(err);
        ch.open().verify(config.connectTimeout());
        return ch;
      } catch (IOException e) {
        last = e;
        invalidate(s);
      }
    }
    throw new HostUnreachableException(name(), "cannot open a channel: " + last.getMessage(), last);
  }

  /** The open session, connecting and authenticating when there is none. */
  synchronized ClientSession session() {
    if (session != null && session.isOpen()) {
      return session;
    }
    expectation.refusal.set(null);
    String target = config.user() + "@" + config.address() + ":" + config.port();
    ClientSession s = null;
    try {
      s =
          transport
              .client()
              .connect(
                  config.user(),
                  config.address(),
                  config.port(),
                  AttributeRepository.ofKeyValuePair(
                      PinnedHostKeyVerifier.EXPECTATION, expectation),
                  null)
              .verify(config.connectTimeout())
              .getSession();
      for (KeyPair k : identities) {
        s.addPublicKeyIdentity(k);
      }
      s.auth().verify(config.authTimeout());
      session = s;
      return s;
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close(true);
      }
      String refusal = expectation.refusal.get();
      String why =
          refusal != null ? refusal : "cannot connect to " + target + ": " + e.getMessage();
      throw new HostUnreachableException(name(), why, e);
    }
  }

  private synchronized void invalidate(ClientSession s) {
    if (session == s) {
      session = null;
    }
    s.close(true);
  }

  synchronized void close() {
    if (session != null) {
      session.close(false);
      session = null;
    }
  }
}
