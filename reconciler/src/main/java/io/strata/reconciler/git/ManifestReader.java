package io.strata.reconciler.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the manifests of one commit: every {@code *.yaml}/{@code *.yml} blob under {@code root},
 * skipping {@code status/}, dot-folders and {@code strata.yaml}. Keys are paths relative to the
 * repository root, sorted, so that errors name the file as the operator sees it in Git.
 */
public final class ManifestReader {
  private ManifestReader() {}

  public static Map<String, byte[]> read(Repository repo, ObjectId commitId, String root)
      throws IOException {
    return read(repo, commitId, root, Map.of(), new HashMap<>());
  }

  /**
   * As {@link #read(Repository, ObjectId, String)}, but a blob already in {@code known} (by object
   * id: the same content) is not read again, and the very same array is returned for it, so a
   * loader's cache recognises the unchanged file at once. Every blob of this commit's manifests is
   * put into {@code seen}, to be {@code known} next time.
   */
  public static Map<String, byte[]> read(
      Repository repo,
      ObjectId commitId,
      String root,
      Map<ObjectId, byte[]> known,
      Map<ObjectId, byte[]> seen)
      throws IOException {
    String prefix = normalize(root);
    Map<String, byte[]> out = new TreeMap<>();
    try (RevWalk rw = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        TreeWalk tw = new TreeWalk(reader)) {
      RevCommit commit = rw.parseCommit(commitId);
      tw.addTree(commit.getTree());
      tw.setRecursive(false);
      while (tw.next()) {
        String path = tw.getPathString();
        String name = tw.getNameString();
        if (tw.isSubtree()) {
          if (enter(path, name, prefix)) {
            tw.enterSubtree();
          }
          continue;
        }
        if (tw.getFileMode(0) == FileMode.GITLINK || !under(path, prefix)) {
          continue;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (yaml && !name.equals("strata.yaml") && !name.startsWith(".")) {
          ObjectId blob = tw.getObjectId(0);
          byte[] bytes = known.get(blob);
          if (bytes == null) {
            bytes = reader.open(blob).getBytes();
          }
          seen.put(blob.copy(), bytes);
          out.put(path, bytes);
        }
      }
    }
    return out;
  }

  private static String normalize(String root) {
    String r = root == null ? "" : root.strip();
    while (r.startsWith("/") || r.startsWith("./")) {
      r = r.startsWith("/") ? r.substring(1) : r.substring(2);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r.equals(".") ? "" : r;
  }

  private static boolean under(String path, String prefix) {
    return prefix.isEmpty() || path.startsWith(prefix + "/");
  }

  /** A folder is entered if it leads to or lies under the root and is not status/ or hidden. */
  private static boolean enter(String path, String name, String prefix) {
    if (name.startsWith(".")) {
      return false;
    }
    boolean towardRoot = prefix.equals(path) || prefix.startsWith(path + "/");
    if (towardRoot) {
      return true;
    }
    if (!under(path, prefix)) {
      return false;
    }
    String rel = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
    return !rel.equals("status");
  }
}
