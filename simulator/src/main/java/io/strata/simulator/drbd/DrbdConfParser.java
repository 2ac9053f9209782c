package io.strata.simulator.drbd;

import io.strata.simulator.drbd.DrbdConf.ConfError;
import io.strata.simulator.drbd.DrbdConf.ConnHost;
import io.strata.simulator.drbd.DrbdConf.Connection;
import io.strata.simulator.drbd.DrbdConf.Host;
import io.strata.simulator.drbd.DrbdConf.Resource;
import io.strata.simulator.drbd.DrbdConf.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Parses drbd.conf / .res text (DRBD 9 dialect) into {@link DrbdConf} records. */
public final class DrbdConfParser {

  /** A statement: words, and a block when it opened one. */
  private record Stmt(List<DrbdConfLexer.Tok> words, List<Stmt> block, int line) {
    String kw() {
      return words.get(0).text();
    }

    String arg(int i) {
      return i < words.size() ? words.get(i).text() : null;
    }
  }

  private final String file;
  private final List<DrbdConfLexer.Tok> toks = new ArrayList<>();
  private int pos;

  private DrbdConfParser(String file, String text) throws ConfError {
    this.file = file;
    toks.addAll(DrbdConfLexer.tokens(file, text));
  }

  public static List<Resource> parse(String file, String text) throws ConfError {
    DrbdConfParser p = new DrbdConfParser(file, text);
    List<Stmt> top = p.block(false);
    List<Resource> out = new ArrayList<>();
    for (Stmt s : top) {
      switch (s.kw()) {
        case "global", "common", "skip", "include" -> {}
        case "resource" -> out.add(p.resource(s));
        default -> throw p.error(s.words().get(0), "'global | common | resource | skip | include'");
      }
    }
    return out;
  }

  private boolean punct(DrbdConfLexer.Tok t, String p) {
    return !t.quoted() && t.text().equals(p);
  }

  private List<Stmt> block(boolean nested) throws ConfError {
    List<Stmt> out = new ArrayList<>();
    while (true) {
      if (pos >= toks.size()) {
        if (nested) {
          throw new ConfError(
              file + ":" + lastLine() + ": Parse error: '}' expected,\n\tbut got EOF");
        }
        return out;
      }
      DrbdConfLexer.Tok t = toks.get(pos);
      if (punct(t, "}")) {
        if (!nested) {
          throw error(t, "a keyword");
        }
        pos++;
        return out;
      }
      if (punct(t, ";")) {
        pos++;
        continue;
      }
      List<DrbdConfLexer.Tok> words = new ArrayList<>();
      while (pos < toks.size()
          && !punct(toks.get(pos), ";")
          && !punct(toks.get(pos), "{")
          && !punct(toks.get(pos), "}")) {
        words.add(toks.get(pos++));
      }
      if (pos >= toks.size() || punct(toks.get(pos), "}")) {
        throw new ConfError(
            file
                + ":"
                + (pos < toks.size() ? toks.get(pos).line() : lastLine())
                + ": Parse error: ';' expected,\n\tbut got '"
                + (pos < toks.size() ? "}" : "EOF")
                + "'");
      }
      if (punct(toks.get(pos), ";")) {
        pos++;
        out.add(new Stmt(words, null, t.line()));
      } else {
        pos++;
        if (words.isEmpty()) {
          throw error(toks.get(pos - 1), "a keyword");
        }
        out.add(new Stmt(words, block(true), t.line()));
      }
    }
  }

  private int lastLine() {
    return toks.isEmpty() ? 1 : toks.get(toks.size() - 1).line();
  }

  private ConfError error(DrbdConfLexer.Tok t, String expected) {
    return new ConfError(
        file
            + ":"
            + t.line()
            + ": Parse error: "
            + expected
            + " expected,\n\tbut got '"
            + t.text()
            + "'");
  }

  private Resource resource(Stmt s) throws ConfError {
    if (s.block() == null || s.words().size() != 2) {
      throw new ConfError(file + ":" + s.line() + ": Parse error: resource name and '{' expected");
    }
    String name = s.arg(1);
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> net = new LinkedHashMap<>();
    List<Host> hosts = new ArrayList<>();
    List<Connection> conns = new ArrayList<>();
    List<String> mesh = new ArrayList<>();
    TreeMap<Integer, Volume> defaults = new TreeMap<>();
    for (Stmt c : s.block()) {
      switch (c.kw()) {
        case "options" -> options.putAll(settings(c));
        case "net" -> {
          net.putAll(settings(c));
          String proto = net.get("protocol");
          if (proto != null && !Set.of("A", "B", "C").contains(proto)) {
            throw new ConfError(
                file
                    + ":"
                    + c.line()
                    + ": Parse error: while parsing value ('"
                    + proto
                    + "')\nfor protocol. Value is not valid.\nAllowed values are: A | B | C");
          }
        }
        case "disk", "handlers", "startup", "proxy" -> {
          if (c.block() == null) {
            volumeStmt(defaults, 0, c);
          }
        }
        case "device", "meta-disk", "flex-meta-disk" -> volumeStmt(defaults, 0, c);
        case "volume" -> volume(defaults, c);
        case "on" -> hosts.add(host(c));
        case "connection-mesh" -> {
          for (Stmt m : c.block()) {
            if (m.kw().equals("hosts")) {
              m.words().stream().skip(1).forEach(w -> mesh.add(w.text()));
            } else if (!m.kw().equals("net")) {
              throw error(m.words().get(0), "'hosts | net'");
            }
          }
        }
        case "connection" -> conns.add(connection(c));
        default ->
            throw error(
                c.words().get(0),
                "'options | net | disk | handlers | startup | on | volume | connection | connection-mesh'");
      }
    }
    List<Host> merged = new ArrayList<>();
    for (Host h : hosts) {
      TreeMap<Integer, Volume> vols = new TreeMap<>();
      for (Volume d : defaults.values()) {
        vols.put(d.number(), d);
      }
      for (Volume v : h.volumes().values()) {
        Volume d = vols.get(v.number());
        vols.put(
            v.number(),
            d == null
                ? v
                : new Volume(
                    v.number(),
                    v.minor() != null ? v.minor() : d.minor(),
                    v.disk() != null || d.disk() == null ? v.disk() : d.disk(),
                    v.metaDisk() != null ? v.metaDisk() : d.metaDisk()));
      }
      merged.add(new Host(h.name(), h.address(), h.nodeId(), vols, h.line()));
    }
    return new Resource(name, file, s.line(), options, net, merged, conns, mesh);
  }

  private Map<String, String> settings(Stmt c) {
    Map<String, String> m = new LinkedHashMap<>();
    if (c.block() != null) {
      for (Stmt o : c.block()) {
        StringBuilder v = new StringBuilder();
        o.words().stream()
            .skip(1)
            .forEach(w -> v.append(v.length() > 0 ? " " : "").append(w.text()));
        m.put(o.kw(), v.toString());
      }
    }
    return m;
  }

  private Host host(Stmt c) throws ConfError {
    String name = c.arg(1);
    String address = null;
    Integer nodeId = null;
    TreeMap<Integer, Volume> vols = new TreeMap<>();
    for (Stmt h : c.block()) {
      switch (h.kw()) {
        case "address" -> address = address(h, 1);
        case "node-id" -> nodeId = number(h, 1);
        case "volume" -> volume(vols, h);
        case "device", "disk", "meta-disk", "flex-meta-disk" -> volumeStmt(vols, 0, h);
        default ->
            throw error(
                h.words().get(0), "'address | node-id | volume | device | disk | meta-disk'");
      }
    }
    return new Host(name, address, nodeId, vols, c.line());
  }

  private String address(Stmt s, int from) throws ConfError {
    String a = s.arg(from);
    if (a != null && Set.of("ipv4", "ipv6", "ssocks", "sdp", "sci").contains(a)) {
      a = s.arg(from + 1);
    }
    if (a == null || !a.contains(":")) {
      throw new ConfError(file + ":" + s.line() + ": Parse error: ip address and port expected");
    }
    return a;
  }

  private int number(Stmt s, int i) throws ConfError {
    try {
      return Integer.parseInt(s.arg(i));
    } catch (NumberFormatException | NullPointerException e) {
      throw new ConfError(
          file
              + ":"
              + s.line()
              + ": Parse error: a number expected,\n\tbut got '"
              + s.arg(i)
              + "'");
    }
  }

  private void volume(TreeMap<Integer, Volume> vols, Stmt v) throws ConfError {
    int n = number(v, 1);
    if (v.block() == null) {
      throw new ConfError(file + ":" + v.line() + ": Parse error: '{' expected");
    }
    vols.putIfAbsent(n, new Volume(n, null, null, null));
    for (Stmt s : v.block()) {
      volumeStmt(vols, n, s);
    }
  }

  private void volumeStmt(TreeMap<Integer, Volume> vols, int n, Stmt s) throws ConfError {
    Volume cur = vols.getOrDefault(n, new Volume(n, null, null, null));
    switch (s.kw()) {
      case "device" -> {
        Integer minor = null;
        for (int i = 1; i < s.words().size(); i++) {
          String w = s.arg(i);
          if (w.equals("minor")) {
            minor = number(s, ++i);
          } else if (w.startsWith("/dev/drbd") && w.substring(9).matches("\\d+")) {
            minor = Integer.parseInt(w.substring(9));
          }
        }
        if (minor == null) {
          throw new ConfError(file + ":" + s.line() + ": Parse error: device minor expected");
        }
        cur = new Volume(n, minor, cur.disk(), cur.metaDisk());
      }
      case "disk" -> {
        if (s.block() != null) {
          return;
        }
        String d = s.arg(1);
        cur = new Volume(n, cur.minor(), d == null || d.equals("none") ? null : d, cur.metaDisk());
      }
      case "meta-disk", "flex-meta-disk" -> cur = new Volume(n, cur.minor(), cur.disk(), s.arg(1));
      default -> throw error(s.words().get(0), "'device | disk | meta-disk | flex-meta-disk | }'");
    }
    vols.put(n, cur);
  }

  private Connection connection(Stmt c) throws ConfError {
    List<ConnHost> hosts = new ArrayList<>();
    for (Stmt s : c.block()) {
      switch (s.kw()) {
        case "host" -> hosts.add(connHost(s));
        case "path" -> {
          if (hosts.isEmpty()) {
            for (Stmt p : s.block()) {
              if (p.kw().equals("host")) {
                hosts.add(connHost(p));
              }
            }
          }
        }
        case "net", "disk", "volume" -> {}
        default -> throw error(s.words().get(0), "'host | path | net | disk | volume'");
      }
    }
    if (hosts.size() != 2) {
      throw new ConfError(
          file + ":" + c.line() + ": Parse error: a connection needs exactly two hosts");
    }
    return new Connection(hosts);
  }

  private ConnHost connHost(Stmt s) throws ConfError {
    String addr = null;
    for (int i = 2; i < s.words().size(); i++) {
      if (s.arg(i).equals("address")) {
        addr = address(s, i + 1);
      }
    }
    return new ConnHost(s.arg(1), addr);
  }
}
