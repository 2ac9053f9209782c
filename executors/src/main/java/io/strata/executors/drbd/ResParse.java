package io.strata.executors.drbd;

import io.strata.planner.observed.DrbdConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Interprets the statement tree of one {@code resource} section (see {@link ResFile#parse}). */
final class ResParse {
  private ResParse() {}

  private static final class HostAcc {
    String node;
    int nodeId = -1;
    String address;
    String disk;
    int minor = -1;
    int port = -1;
  }

  static DrbdConfig resource(ConfSyntax.Stmt res, int peerSlots) {
    String name = res.word(1);
    String protocol = "C";
    Map<String, String> options = new TreeMap<>();
    Map<String, HostAcc> hosts = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (ConfSyntax.Stmt s : res.block()) {
      switch (s.key()) {
        case "options", "disk" -> collect(s, s.key(), options);
        case "net" -> {
          for (ConfSyntax.Stmt o : block(s)) {
            if (o.key().equals("protocol")) {
              protocol = o.word(1);
            } else if (!DrbdOptions.RESERVED.contains(o.key())) {
              options.put(DrbdOptions.canonical(DrbdOptions.NET, o.key()), value(o));
            }
          }
        }
        case "on" -> {
          HostAcc h = hosts.computeIfAbsent(s.word(1), n -> new HostAcc());
          if (h.node == null) {
            h.node = s.word(1);
            order.add(h.node);
          }
          on(s, h);
        }
        case "connection" -> {
          for (ConfSyntax.Stmt c : block(s)) {
            if (c.key().equals("host") && c.word(2).equals("address")) {
              HostAcc h = hosts.computeIfAbsent(c.word(1), n -> new HostAcc());
              if (h.node == null) {
                h.node = c.word(1);
                order.add(h.node);
              }
              address(h, c.word(3), c.word(4));
            }
          }
        }
        default -> {
          // connection-mesh, handlers, startup…: not part of the model
        }
      }
    }
    int minor = -1;
    int port = -1;
    List<DrbdConfig.Host> out = new ArrayList<>();
    for (String n : order) {
      HostAcc h = hosts.get(n);
      minor = minor < 0 ? h.minor : minor;
      port = port < 0 ? h.port : port;
      out.add(new DrbdConfig.Host(h.node, h.nodeId, h.address, h.disk));
    }
    return DrbdConfig.of(name, port, minor, protocol, options, out, peerSlots);
  }

  private static void on(ConfSyntax.Stmt on, HostAcc h) {
    for (ConfSyntax.Stmt s : block(on)) {
      switch (s.key()) {
        case "node-id" -> h.nodeId = Integer.parseInt(s.word(1));
        case "address" -> address(h, s.word(1), s.word(2));
        case "volume" -> volume(s.block() == null ? List.of() : s.block(), h);
        case "disk", "device" -> volume(List.of(s), h);
        default -> {}
      }
    }
  }

  private static void volume(List<ConfSyntax.Stmt> stmts, HostAcc h) {
    for (ConfSyntax.Stmt v : stmts) {
      if (v.key().equals("disk") && v.block() == null) {
        h.disk = v.word(1).equals("none") ? null : v.word(1);
      } else if (v.key().equals("device")) {
        int i = v.words().indexOf("minor");
        if (i > 0) {
          h.minor = Integer.parseInt(v.word(i + 1));
        } else if (v.word(1).startsWith("/dev/drbd")) {
          h.minor = Integer.parseInt(v.word(1).substring("/dev/drbd".length()));
        }
      }
    }
  }

  /** {@code ipv4 10.0.0.1:7000} or {@code ipv6 [fd00::1]:7000}. */
  private static void address(HostAcc h, String family, String hostPort) {
    String hp = family.startsWith("ipv") || family.equals("ssocks") ? hostPort : family;
    int colon = hp.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address '" + hp + "' has no :port");
    }
    String ip = hp.substring(0, colon);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    h.address = ip;
    h.port = Integer.parseInt(hp.substring(colon + 1));
  }

  private static void collect(ConfSyntax.Stmt s, String section, Map<String, String> into) {
    for (ConfSyntax.Stmt o : block(s)) {
      if (o.block() == null) {
        into.put(DrbdOptions.canonical(section, o.key()), value(o));
      }
    }
  }

  private static String value(ConfSyntax.Stmt o) {
    return String.join(" ", o.words().subList(1, o.words().size()));
  }

  private static List<ConfSyntax.Stmt> block(ConfSyntax.Stmt s) {
    return s.block() == null ? List.of() : s.block();
  }
}
