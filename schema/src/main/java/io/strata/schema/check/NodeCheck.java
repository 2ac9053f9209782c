package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A node's address is an IPv4 or IPv6 address or a host name, and unique; an ssh connection pins
 * the host key and its optional {@code host} is an address too (not unique: several nodes may sit
 * behind one forwarding host on different ports); ssh-only fields are not given for other
 * connection types.
 */
public final class NodeCheck implements Check {
  private static final Pattern HOST_KEY =
      Pattern.compile(
          "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
              + "|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,2}( \\S.*)?");
  private static final List<String> SSH_ONLY = List.of("host", "user", "port", "hostKey", "sudo");

  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, Manifest<Node>> byAddress = new HashMap<>();
    for (Manifest<Node> n : m.nodes()) {
      String address = n.model().address();
      if (!Addresses.valid(address)) {
        out.add(
            Diagnostic.at(
                n.valueAt("/spec/address"),
                "address '" + address + "' is not an IPv4 or IPv6 address or a host name",
                "write e.g. 10.0.0.11, fd00::11 or alpha.example.net"));
      } else {
        Manifest<Node> first = byAddress.putIfAbsent(address, n);
        if (first != null) {
          out.add(
              Diagnostic.at(
                  n.valueAt("/spec/address"),
                  "address '"
                      + address
                      + "' is also used by node '"
                      + first.model().name()
                      + "' ("
                      + first.valueAt("/spec/address")
                      + ")",
                  "each node needs its own address"));
        }
      }
      JsonNode c = n.doc().root().path("spec").path("connection");
      Node.Connection.Type type = n.model().connection().type();
      if (type == Node.Connection.Type.SSH) {
        String sshHost = n.model().connection().host();
        if (sshHost != null && !Addresses.valid(sshHost)) {
          out.add(
              Diagnostic.at(
                  n.valueAt("/spec/connection/host"),
                  "connection.host '" + sshHost + "' is not an IPv4 or IPv6 address or a host name",
                  "write where SSH connects, e.g. 127.0.0.1 or bastion.example.net"));
        }
        if (!c.has("hostKey")) {
          out.add(
              Diagnostic.at(
                  n.at("/spec/connection"),
                  "an ssh connection needs hostKey (the node's pinned public host key)",
                  "add hostKey: 'ssh-ed25519 AAAA…' (from ssh-keyscan, verified out of band)"));
        } else if (!HOST_KEY.matcher(n.model().connection().hostKey()).matches()) {
          out.add(
              Diagnostic.at(
                  n.valueAt("/spec/connection/hostKey"),
                  "hostKey is not an OpenSSH public key line",
                  "write '<type> <base64>' as in known_hosts without the host name, e.g."
                      + " 'ssh-ed25519 AAAAC3…'"));
        }
      } else {
        for (String f : SSH_ONLY) {
          if (c.has(f)) {
            out.add(
                Diagnostic.at(
                    n.at("/spec/connection/" + f),
                    "connection field '" + f + "' applies only to type ssh",
                    "remove it, or set type: ssh"));
          }
        }
      }
    }
    return out;
  }
}
