package io.strata.simulator.sys;

import io.strata.executors.host.FileTree;
import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.nvme.Configfs;
import io.strata.simulator.nvme.NvmeSysfs;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.FileEntry;
import io.strata.simulator.state.SimNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Files, directories and links of a node; configfs paths follow the kernel's rules. */
public final class FileSystem {
  private FileSystem() {}

  public static boolean configfs(String path) {
    return path.equals(NvmetView.ROOT) || path.startsWith(NvmetView.ROOT + "/");
  }

  public static void write(ClusterState cs, SimNode n, String path, byte[] content, int mode) {
    if (configfs(path)) {
      Configfs.write(cs, n, path, new String(content, StandardCharsets.UTF_8));
      return;
    }
    if (n.dirs.contains(path)) {
      throw new UncheckedIOException(new IOException(path + ": Is a directory"));
    }
    mkdirs(n, parent(path));
    n.files.put(path, new FileEntry(new String(content, StandardCharsets.UTF_8), mode));
  }

  public static Optional<byte[]> read(ClusterState cs, SimNode n, String path) {
    if (NvmeSysfs.handles(path)) {
      return NvmeSysfs.read(cs, n, path).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
    if (configfs(path)) {
      return Configfs.read(n, path).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
    FileEntry f = n.files.get(path);
    return f == null ? Optional.empty() : Optional.of(f.content().getBytes(StandardCharsets.UTF_8));
  }

  public static List<String> list(ClusterState cs, SimNode n, String dir) {
    if (NvmeSysfs.handles(dir)) {
      return NvmeSysfs.list(cs, n, dir);
    }
    return list(n, dir);
  }

  public static List<String> list(SimNode n, String dir) {
    TreeSet<String> out = new TreeSet<>();
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    children(n.files.navigableKeySet(), prefix, out);
    children(n.dirs, prefix, out);
    children(n.links.navigableKeySet(), prefix, out);
    if (configfs(dir)) {
      out.addAll(Configfs.defaults(n, dir));
    }
    return List.copyOf(out);
  }

  /**
   * Adds the first path segment after {@code prefix} of every path in {@code paths} under it,
   * stepping over each child's own subtree: a walk lists every directory of a tree, and reading
   * every path below each one made it quadratic in the tree's size.
   */
  private static void children(NavigableSet<String> paths, String prefix, Set<String> out) {
    String k = paths.ceiling(prefix);
    while (k != null && k.startsWith(prefix)) {
      int slash = k.indexOf('/', prefix.length());
      if (slash < 0) {
        out.add(k.substring(prefix.length()));
        k = paths.higher(k);
      } else {
        out.add(k.substring(prefix.length(), slash));
        k = paths.higher(k.substring(0, slash + 1) + '\uffff');
      }
    }
  }

  /**
   * The tree under {@code root} as {@link io.strata.executors.host.Host#readTree} gives it, from
   * the same answers as {@link #list} and {@link #read}: a link is a link, a path {@code read}
   * answers is a file (its content kept when its name is asked for), anything else a directory.
   */
  public static FileTree readTree(
      ClusterState cs, SimNode n, Path root, int maxDepth, Collection<String> read) {
    List<String> patterns = FileTree.checkedPatterns(read);
    String r = root.normalize().toString();
    List<String> top = list(cs, n, r);
    if (top.isEmpty() && !n.dirs.contains(r)) {
      return FileTree.absent(root, maxDepth);
    }
    FileTree.Builder b = FileTree.builder(root, maxDepth);
    walk(cs, n, b, r, "", top, 1, maxDepth, patterns);
    return b.build();
  }

  private static void walk(
      ClusterState cs,
      SimNode n,
      FileTree.Builder b,
      String dir,
      String rel,
      List<String> names,
      int depth,
      int maxDepth,
      List<String> patterns) {
    for (String name : names) {
      String path = dir + "/" + name;
      String r = rel.isEmpty() ? name : rel + "/" + name;
      if (n.links.containsKey(path)) {
        b.add(r, new FileTree.Symlink());
        continue;
      }
      Optional<byte[]> content = read(cs, n, path);
      if (content.isPresent()) {
        b.add(
            r,
            FileTree.wanted(patterns, name)
                ? new FileTree.File(content.get())
                : new FileTree.Skipped());
        continue;
      }
      b.add(r, new FileTree.Directory());
      if (depth < maxDepth) {
        walk(cs, n, b, path, r, list(cs, n, path), depth + 1, maxDepth, patterns);
      }
    }
  }

  public static void delete(ClusterState cs, SimNode n, String path) {
    if (configfs(path)) {
      if (n.links.containsKey(path) || n.files.containsKey(path)) {
        Configfs.remove(cs, n, path, false);
      }
      return;
    }
    n.files.remove(path);
    n.links.remove(path);
  }

  public static boolean exists(SimNode n, String path) {
    return n.exists(path);
  }

  public static void mkdirs(SimNode n, String dir) {
    n.mkdirs(dir);
  }

  public static String parent(String path) {
    return SimNode.parent(path);
  }
}
