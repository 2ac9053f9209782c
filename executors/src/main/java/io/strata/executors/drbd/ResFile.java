package io.strata.executors.drbd;

import io.strata.planner.observed.DrbdConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes and reads Strata's DRBD 9 resource files, LINSTOR style (cookbook §4.1): one explicit
 * {@code connection} per pair of nodes (none between two diskless nodes; each host's address is
 * also in its {@code on} section so that a node without connections keeps it), every node's real
 * backing device, and a header that marks ownership. {@code parse(render(c, s))} equals {@code c}
 * for every config with canonical option keys ({@link DrbdOptions}); hosts keep their order.
 */
public final class ResFile {
  /** The first line of every file Strata writes. */
  public static final String HEADER = "# managed-by: strata";

  private static final String PEER_SLOTS = "# peer-slots: ";
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:/+-]+");

  private ResFile() {}

  /** Whether a file's content is one Strata wrote (its first line is {@link #HEADER}). */
  public static boolean isOwned(String content) {
    return content.startsWith(HEADER + "\n");
  }

  /** The file content; {@code sharedSecret} goes into {@code net { shared-secret }}. */
  public static String render(DrbdConfig c, String sharedSecret) {
    check(c);
    StringBuilder b = new StringBuilder();
    b.append(HEADER).append('\n');
    b.append(PEER_SLOTS).append(c.peerSlots()).append('\n');
    b.append("resource ").append(quote(c.resource())).append("\n{\n");
    Map<String, Map<String, String>> sections = new TreeMap<>();
    c.options()
        .forEach(
            (k, v) ->
                sections
                    .computeIfAbsent(DrbdOptions.section(k), s -> new TreeMap<>())
                    .put(DrbdOptions.name(k), v));
    section(b, DrbdOptions.OPTIONS, sections.get(DrbdOptions.OPTIONS), List.of());
    List<String> fixed =
        List.of(
            "protocol " + c.protocol() + ";",
            "cram-hmac-alg sha1;",
            "shared-secret " + quote(sharedSecret) + ";");
    section(b, DrbdOptions.NET, sections.get(DrbdOptions.NET), fixed);
    section(b, DrbdOptions.DISK, sections.get(DrbdOptions.DISK), List.of());
    List<DrbdConfig.Host> hosts = c.hosts(); // given order, so that parse returns the same list
    for (DrbdConfig.Host h : hosts) {
      b.append("    on ").append(quote(h.node())).append("\n    {\n");
      b.append("        volume 0\n        {\n");
      if (h.diskless()) {
        b.append("            disk none;\n");
      } else {
        b.append("            disk ").append(quote(h.disk())).append(";\n");
        b.append("            meta-disk internal;\n");
      }
      b.append("            device minor ").append(c.minor()).append(";\n");
      b.append("        }\n");
      b.append("        node-id ").append(h.nodeId()).append(";\n");
      // also here, so a host without any connection (a lone or all-diskless resource) keeps it
      b.append("        address ").append(address(h.address(), c.port())).append(";\n");
      b.append("    }\n");
    }
    for (int i = 0; i < hosts.size(); i++) {
      for (int j = i + 1; j < hosts.size(); j++) {
        DrbdConfig.Host x = hosts.get(i);
        DrbdConfig.Host y = hosts.get(j);
        if (x.diskless() && y.diskless()) {
          continue; // LINSTOR: no connection between two diskless nodes
        }
        b.append("    connection\n    {\n");
        b.append("        host ").append(quote(x.node())).append(" address ");
        b.append(address(x.address(), c.port())).append(";\n");
        b.append("        host ").append(quote(y.node())).append(" address ");
        b.append(address(y.address(), c.port())).append(";\n");
        b.append("    }\n");
      }
    }
    return b.append("}\n").toString();
  }

  private static void check(DrbdConfig c) {
    if (c.resource().isBlank() || c.hosts().stream().anyMatch(h -> h.node().isBlank())) {
      throw new IllegalArgumentException("a DRBD resource and its hosts need names");
    }
    if (c.hosts().isEmpty()) {
      throw new IllegalArgumentException("DRBD resource " + c.resource() + " has no hosts");
    }
    if (!BARE.matcher(c.protocol()).matches()) {
      throw new IllegalArgumentException("bad DRBD protocol '" + c.protocol() + "'");
    }
    for (String k : c.options().keySet()) {
      if (DrbdOptions.RESERVED.contains(DrbdOptions.name(k))) {
        throw new IllegalArgumentException(
            "DRBD option '" + k + "' is set by Strata itself; remove it from the template");
      }
      if (!BARE.matcher(DrbdOptions.name(k)).matches()) {
        throw new IllegalArgumentException("bad DRBD option name '" + k + "'");
      }
    }
  }

  private static void section(
      StringBuilder b, String name, Map<String, String> opts, List<String> fixed) {
    if ((opts == null || opts.isEmpty()) && fixed.isEmpty()) {
      return;
    }
    b.append("    ").append(name).append("\n    {\n");
    for (String f : fixed) {
      b.append("        ").append(f).append('\n');
    }
    if (opts != null) {
      opts.forEach(
          (k, v) -> b.append("        ").append(k).append(' ').append(quote(v)).append(";\n"));
    }
    b.append("    }\n");
  }

  /** An IPv4/IPv6 address or a host name; nothing that could end the statement it stands in. */
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:%-]{0,252}");

  static String address(String ip, int port) {
    if (!ADDRESS.matcher(ip).matches()) {
      // written unquoted into the file: "10.0.0.1:7000; } resource x {" would add a resource
      throw new IllegalArgumentException(
          "'" + ip.replaceAll("\\p{Cntrl}", "?") + "' is not an address or host name");
    }
    return ip.contains(":") ? "ipv6 [" + ip + "]:" + port : "ipv4 " + ip + ":" + port;
  }

  /** Quotes a value unless it is a bare word; escapes quotes and backslashes. */
  static String quote(String v) {
    if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      // a quoted string cannot hold a line break for drbdadm, and a NUL ends it (issue 12 fuzzing)
      throw new IllegalArgumentException(
          "a DRBD configuration value holds a control character: "
              + v.replaceAll("\\p{Cntrl}", "?"));
    }
    if (!v.isEmpty() && BARE.matcher(v).matches()) {
      return v;
    }
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * Parses a resource file back into a DrbdConfig (the first resource in it). Also reads common
   * hand-written shapes: addresses inside {@code on}, {@code device /dev/drbdN minor N}, disk
   * directly in {@code on}. Throws IllegalArgumentException when the text is not a resource file.
   */
  public static DrbdConfig parse(String content) {
    int peerSlots = 0;
    for (int at = 0; at < content.length(); ) {
      int end = content.indexOf('\n', at);
      end = end < 0 ? content.length() : end;
      if (content.startsWith(PEER_SLOTS, at)) {
        peerSlots = Integer.parseInt(content.substring(at + PEER_SLOTS.length(), end).strip());
      }
      at = end + 1;
    }
    ConfSyntax.Stmt res =
        ConfSyntax.parse(content).stream()
            .filter(s -> s.key().equals("resource") && s.block() != null)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no 'resource' section in the file"));
    return ResParse.resource(res, peerSlots);
  }
}
