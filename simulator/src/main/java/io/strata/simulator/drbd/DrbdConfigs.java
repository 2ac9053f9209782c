package io.strata.simulator.drbd;

import io.strata.simulator.drbd.DrbdConf.ConfError;
import io.strata.simulator.drbd.DrbdConf.Host;
import io.strata.simulator.drbd.DrbdConf.Resource;
import io.strata.simulator.drbd.DrbdConf.Volume;
import io.strata.simulator.state.DrbdPeer;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.SimNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads a node's DRBD configuration (like drbdadm reads /etc/drbd.conf) and validates it. */
final class DrbdConfigs {
  static final String DIR = "/etc/drbd.d/";

  private DrbdConfigs() {}

  /**
   * Every resource of the node's configuration: {@code configFile} alone when given (-c), else
   * /etc/drbd.d/*.res (minus {@code exclude}) plus {@code test}.
   */
  static List<Resource> load(SimNode n, String configFile, String test, String exclude)
      throws ConfError {
    List<String> files = new ArrayList<>();
    if (configFile != null && !configFile.equals("/etc/drbd.conf")) {
      files.add(configFile);
    } else {
      for (String f : n.files.subMap(DIR, DIR + '\uffff').keySet()) {
        if ((f.endsWith(".res") || f.endsWith(".conf"))
            && !f.substring(DIR.length()).contains("/")
            && !f.equals(exclude)) {
          files.add(f);
        }
      }
      if (test != null && !files.contains(test)) {
        files.add(test);
      }
    }
    List<Resource> all = new ArrayList<>();
    for (String f : files) {
      FileEntry e = n.files.get(f);
      if (e == null) {
        throw new ConfError("open(" + f + ") failed: No such file or directory");
      }
      all.addAll(parsed(f, e.content()));
    }
    validate(all);
    return all;
  }

  /** A file as parsed: its resources are records, so one parse serves every later command. */
  private record Source(String file, String text) {}

  private static final int PARSED_LIMIT = 4096;

  // every drbdadm command reads every .res file of its node; most of them never change
  private static final Map<Source, List<Resource>> PARSED =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Source, List<Resource>> eldest) {
              return size() > PARSED_LIMIT;
            }
          });

  private static List<Resource> parsed(String file, String text) throws ConfError {
    Source key = new Source(file, text);
    List<Resource> r = PARSED.get(key);
    if (r == null) {
      r = List.copyOf(DrbdConfParser.parse(file, text));
      PARSED.put(key, r);
    }
    return r;
  }

  static void validate(List<Resource> all) throws ConfError {
    Map<String, Resource> names = new HashMap<>();
    Map<String, Resource> minors = new HashMap<>();
    Map<String, Resource> ips = new HashMap<>();
    for (Resource r : all) {
      Resource dup = names.put(r.name(), r);
      if (dup != null) {
        throw new ConfError(
            r.file()
                + ":"
                + r.line()
                + ": in resource "
                + r.name()
                + ":\n\t"
                + "resource "
                + r.name()
                + " already defined in "
                + dup.file()
                + ":"
                + dup.line());
      }
      Map<Integer, Host> ids = new HashMap<>();
      for (Host h : r.hosts()) {
        if (h.nodeId() == null && r.hosts().size() > 2) {
          throw new ConfError(
              r.file()
                  + ":"
                  + h.line()
                  + ": in resource "
                  + r.name()
                  + ", on "
                  + h.name()
                  + ":\n\tnode-id is missing");
        }
        Host other = ids.put(r.nodeId(h), h);
        if (other != null) {
          throw new ConfError(
              r.file()
                  + ":"
                  + h.line()
                  + ": in resource "
                  + r.name()
                  + ":\n\tnode-id "
                  + r.nodeId(h)
                  + " used by "
                  + other.name()
                  + " and "
                  + h.name());
        }
        for (Volume v : h.volumes().values()) {
          if (v.minor() == null) {
            throw new ConfError(
                r.file()
                    + ":"
                    + h.line()
                    + ": in resource "
                    + r.name()
                    + ", on "
                    + h.name()
                    + ":\n\tdevice minor of volume "
                    + v.number()
                    + " is missing");
          }
          String key = "device-minor:" + h.name() + ":" + v.minor();
          Resource prev = minors.put(key, r);
          if (prev != null && prev != r) {
            throw new ConfError(
                r.file()
                    + ":"
                    + h.line()
                    + ": conflicting use of device-minor '"
                    + key
                    + "' ...\n"
                    + prev.file()
                    + ":"
                    + prev.line()
                    + ": device-minor '"
                    + key
                    + "' first used here.");
          }
        }
        if (h.address() != null) {
          String key = "ipv4:" + h.address();
          Resource prev = ips.put(h.name() + " " + key, r);
          if (prev != null && prev != r) {
            throw new ConfError(
                r.file()
                    + ":"
                    + h.line()
                    + ": conflicting use of IP '"
                    + key
                    + "' ...\n"
                    + prev.file()
                    + ":"
                    + prev.line()
                    + ": IP '"
                    + key
                    + "' first used here.");
          }
        }
      }
      for (String m : r.mesh()) {
        Host h = r.host(m);
        if (h == null || h.address() == null) {
          throw new ConfError(
              r.file()
                  + ":"
                  + r.line()
                  + ": in resource "
                  + r.name()
                  + ":\n\t"
                  + "\"connection-mesh\" (for \""
                  + r.name()
                  + "\") with a host (\""
                  + m
                  + "\") that has no \"address\" defined");
        }
      }
    }
  }

  /**
   * The peers node {@code me} connects to, per the mesh, explicit connections or the 2-host
   * default.
   */
  static List<DrbdPeer> peers(Resource r, String me) {
    List<DrbdPeer> out = new ArrayList<>();
    Host self = r.host(me);
    if (r.mesh().contains(me)) {
      for (String o : r.mesh()) {
        Host h = r.host(o);
        if (!o.equals(me) && h != null) {
          out.add(peer(r, h, self.address(), h.address()));
        }
      }
    }
    for (DrbdConf.Connection c : r.connections()) {
      DrbdConf.ConnHost a = c.hosts().get(0);
      DrbdConf.ConnHost b = c.hosts().get(1);
      if (b.name().equals(me)) {
        DrbdConf.ConnHost t = a;
        a = b;
        b = t;
      }
      Host other = r.host(b.name());
      if (a.name().equals(me)
          && other != null
          && out.stream().noneMatch(p -> p.name.equals(other.name()))) {
        out.add(
            peer(
                r,
                other,
                a.address() != null ? a.address() : self.address(),
                b.address() != null ? b.address() : other.address()));
      }
    }
    if (r.mesh().isEmpty() && r.connections().isEmpty() && r.hosts().size() == 2) {
      Host other = r.hosts().get(0) == self ? r.hosts().get(1) : r.hosts().get(0);
      out.add(peer(r, other, self.address(), other.address()));
    }
    return out;
  }

  private static DrbdPeer peer(Resource r, Host h, String local, String remote) {
    DrbdPeer p = new DrbdPeer();
    p.name = h.name();
    p.nodeId = r.nodeId(h);
    p.localAddress = local;
    p.peerAddress = remote;
    return p;
  }
}
