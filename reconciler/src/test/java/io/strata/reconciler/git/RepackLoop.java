package io.strata.reconciler.git;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;

/**
 * A process that repacks the mirror under {@code args[0]} (a state folder) for ever, to be killed
 * at a random moment ({@link MirrorRepackKillTest}): each round adds a referenced and an
 * unreferenced loose object, so that every {@link Mirror#compact} writes a new pack, deletes the
 * old one and prunes.
 */
final class RepackLoop {
  private RepackLoop() {}

  public static void main(String[] args) throws Exception {
    Mirror mirror = new Mirror(Path.of(args[0]), new Mirror.Limits(1, 1));
    try (Git git = Git.open(mirror.dir().toFile())) {
      for (int round = 0; ; round++) {
        ObjectId blob;
        try (ObjectInserter ins = git.getRepository().newObjectInserter()) {
          blob = ins.insert(Constants.OBJ_BLOB, ("round " + round).getBytes());
          ins.insert(Constants.OBJ_BLOB, ("unreferenced " + round).getBytes());
          ins.flush();
        }
        RefUpdate u = git.getRepository().updateRef("refs/strata/round");
        u.setNewObjectId(blob);
        u.setForceUpdate(true);
        mirror.exclusive(u::update);
        if (!mirror.compact(git.getRepository())) {
          throw new IllegalStateException("round " + round + " did not repack");
        }
        System.out.println("repacked " + round);
        System.out.flush();
      }
    }
  }
}
