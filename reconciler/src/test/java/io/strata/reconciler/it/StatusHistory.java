package io.strata.reconciler.it;

import io.strata.reconciler.status.Condition;
import io.strata.reconciler.status.ConditionType;
import io.strata.reconciler.status.StatusFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Every commit of the status branch, read with JGit: what each one said about the repository and
 * its volumes, so that a test can check the whole history, not only the last word.
 */
final class StatusHistory {
  private StatusHistory() {}

  /**
   * The status commits (newest first) that report the repository Ready while one of its volumes is
   * not Ready or has no status at all ({@code volumes} are those the manifests name), each as
   * "commit: why"; empty when there are none.
   */
  static List<String> readyWhileAVolumeIsNot(Path bare, String branch, List<String> volumes)
      throws IOException {
    List<String> bad = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve("refs/heads/" + branch);
      if (head == null) {
        return bad;
      }
      walk.markStart(walk.parseCommit(head));
      for (RevCommit c : walk) {
        Map<String, byte[]> files = files(repo, c);
        byte[] rec = files.get(StatusFiles.RECONCILER);
        if (rec == null || !ready(rec)) {
          continue;
        }
        List<String> notReady = new ArrayList<>();
        for (String v : volumes) {
          if (!files.containsKey(StatusFiles.volumePath(v))) {
            notReady.add(v + " (no status)");
          }
        }
        files.forEach(
            (path, bytes) -> {
              if (path.startsWith("status/volumes/") && !ready(bytes)) {
                notReady.add(path);
              }
            });
        if (!notReady.isEmpty()) {
          bad.add(c.name() + ": repository Ready, not Ready: " + notReady);
        }
      }
    }
    return bad;
  }

  /** The files under {@code status/} at the tip of {@code branch} (empty before the first). */
  static Map<String, String> head(Path bare, String branch) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve("refs/heads/" + branch);
      if (head != null) {
        files(repo, walk.parseCommit(head))
            .forEach((p, b) -> out.put(p, new String(b, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** The messages of the commits of {@code branch}, oldest first. */
  static List<String> messages(Path bare, String branch) throws IOException {
    List<String> out = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve("refs/heads/" + branch);
      if (head == null) {
        return out;
      }
      walk.markStart(walk.parseCommit(head));
      for (RevCommit c : walk) {
        out.add(0, c.getFullMessage());
      }
    }
    return out;
  }

  private static boolean ready(byte[] yaml) {
    return StatusFiles.readConditions(yaml).stream()
        .anyMatch(c -> c.type() == ConditionType.READY && c.status() == Condition.Status.TRUE);
  }

  private static Map<String, byte[]> files(Repository repo, RevCommit c) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      tw.setFilter(PathFilter.create("status"));
      while (tw.next()) {
        out.put(tw.getPathString(), repo.open(tw.getObjectId(0)).getBytes());
      }
    }
    return out;
  }
}
