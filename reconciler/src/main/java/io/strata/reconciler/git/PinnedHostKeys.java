package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * A {@link ServerKeyDatabase} that accepts exactly the configured host keys and nothing else: no
 * trust on first use, no prompts, no {@code ~/.ssh/known_hosts}. Entries are known_hosts lines
 * ({@code host[,host2] keytype base64}) or {@code keytype base64} for any host.
 */
public final class PinnedHostKeys implements ServerKeyDatabase {
  /** One pinned key; {@code hosts} empty means any host. */
  public record Pin(List<String> hosts, PublicKey key) {}

  private final List<Pin> pins;

  public PinnedHostKeys(List<Pin> pins) {
    this.pins = List.copyOf(pins);
  }

  /** Parses {@code git.knownHosts}: known_hosts lines or {@code file:PATH} of such a file. */
  public static PinnedHostKeys parse(List<String> entries, Path baseDir) {
    List<Pin> pins = new ArrayList<>();
    for (String e : entries) {
      if (e.startsWith("file:")) {
        Path file = baseDir.resolve(e.substring(5));
        try {
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
              pins.add(pin(l, file.toString()));
            }
          }
        } catch (IOException ex) {
          throw new ConfigException("git.knownHosts: cannot read " + file + ": " + ex.getMessage());
        }
      } else {
        pins.add(pin(e.strip(), "git.knownHosts"));
      }
    }
    return new PinnedHostKeys(pins);
  }

  private static Pin pin(String line, String where) {
    String[] parts = line.split("\\s+");
    List<String> hosts = List.of();
    String keyPart = line;
    if (parts.length >= 3 && !parts[0].startsWith("ssh-") && !parts[0].startsWith("ecdsa-")) {
      hosts = List.of(parts[0].split(","));
      keyPart = parts[1] + " " + parts[2];
    }
    try {
      PublicKey key =
          PublicKeyEntry.parsePublicKeyEntry(keyPart).resolvePublicKey(null, null, null);
      if (key == null) {
        throw new ConfigException(where + ": unsupported host key type in '" + line + "'");
      }
      return new Pin(hosts, key);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
      throw new ConfigException(
          where + ": not a host key line '" + line + "' — write 'host ssh-ed25519 AAAA…'");
    }
  }

  private static String bareHost(String connectAddress) {
    // JGit passes "host" or "[host]:port".
    if (connectAddress.startsWith("[")) {
      int end = connectAddress.indexOf(']');
      return end > 0 ? connectAddress.substring(1, end) : connectAddress;
    }
    return connectAddress;
  }

  private boolean matches(Pin pin, String connectAddress) {
    return pin.hosts().isEmpty()
        || pin.hosts().contains(connectAddress)
        || pin.hosts().contains(bareHost(connectAddress));
  }

  @Override
  public List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return pins.stream().filter(p -> matches(p, connectAddress)).map(Pin::key).toList();
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    return pins.stream()
        .anyMatch(p -> matches(p, connectAddress) && KeyUtils.compareKeys(p.key(), serverKey));
  }
}
