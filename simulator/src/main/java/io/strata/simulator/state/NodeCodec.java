package io.strata.simulator.state;

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
      StateFiles.JSON.rebuild().addMixIn(SimNode.class, WithoutFiles.class).build();

  /** A node's files as last encoded: the entries in order (compared by identity) and their JSON. */
  private record Encoded(String[] paths, FileEntry[] entries, byte[] json) {
    static Encoded of(TreeMap<String, FileEntry> files) {
      return new Encoded(
          files.keySet().toArray(String[]::new),
          files.values().toArray(FileEntry[]::new),
          StateFiles.JSON.writeValueAsBytes(files));
    }

    boolean matches(TreeMap<String, FileEntry> files) {
      if (files.size() != entries.length) {
        return false;
      }
      int i = 0;
      for (Map.Entry<String, FileEntry> e : files.entrySet()) {
        if (entries[i] != e.getValue() || !paths[i].equals(e.getKey())) {
          return false;
        }
        i++;
      }
      return true;
    }
  }

  private final Map<String, Encoded> files = new HashMap<>();

  synchronized byte[] encode(SimNode node) {
    byte[] rest = WITHOUT_FILES.writeValueAsBytes(node);
    String key = node.name == null ? "" : node.name;
    Encoded f = files.get(key);
    if (f == null || !f.matches(node.files)) {
      f = Encoded.of(node.files);
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
