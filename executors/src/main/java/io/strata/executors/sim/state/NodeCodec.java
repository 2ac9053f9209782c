package io.strata.executors.sim.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes a node as one compact JSON object. Its files (DRBD resource files, configfs attributes)
 * are two thirds of the bytes and rarely change, and {@link FileEntry} is immutable, so their
 * encoding is reused while every entry is the same object: a command that does not write a file
 * does not pay for serialising the node's files.
 */
final class NodeCodec {
  /** What the node's JSON looks like without its files; they are spliced back in. */
  private abstract static class WithoutFiles {
    @JsonIgnore public TreeMap<String, FileEntry> files;
  }

  private static final JsonMapper WITHOUT_FILES =
      StateFiles.JSON.rebuild().addMixIn(NodeState.class, WithoutFiles.class).build();

  /** A node's files as last encoded: the entries (compared by identity) and their JSON. */
  private record Encoded(Map<String, FileEntry> entries, byte[] json) {
    boolean matches(Map<String, FileEntry> files) {
      if (files.size() != entries.size()) {
        return false;
      }
      for (Map.Entry<String, FileEntry> e : files.entrySet()) {
        if (entries.get(e.getKey()) != e.getValue()) {
          return false;
        }
      }
      return true;
    }
  }

  private final Map<String, Encoded> files = new HashMap<>();

  byte[] encode(NodeState node) {
    byte[] rest = WITHOUT_FILES.writeValueAsBytes(node);
    String key = node.name == null ? "" : node.name;
    Encoded f = files.get(key);
    if (f == null || !f.matches(node.files)) {
      f = new Encoded(new HashMap<>(node.files), StateFiles.JSON.writeValueAsBytes(node.files));
      files.put(key, f);
    }
    // rest is "{…}": insert ,"files":… before its closing brace
    byte[] head = (rest.length > 2 ? ",\"files\":" : "\"files\":").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[rest.length + head.length + f.json().length];
    System.arraycopy(rest, 0, out, 0, rest.length - 1);
    System.arraycopy(head, 0, out, rest.length - 1, head.length);
    System.arraycopy(f.json(), 0, out, rest.length - 1 + head.length, f.json().length);
    out[out.length - 1] = '}';
    return out;
  }
}
