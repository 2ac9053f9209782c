package io.strata.reconciler.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the real {@code git} command-line client for tests: a bare "server" repository and a work
 * clone that commits and pushes like an operator would.
 */
public final class GitCli {
  private final Path bare;
  private final Path work;

  private GitCli(Path bare, Path work) {
    this.bare = bare;
    this.work = work;
  }

  /** {@code git init --bare} under {@code root/remote.git} and a clone in {@code root/work}. */
  public static GitCli create(Path root) {
    Path bare = root.resolve("remote.git");
    Path work = root.resolve("work");
    run(root, "git", "init", "-q", "--bare", "-b", "main", bare.toString());
    run(root, "git", "clone", "-q", bare.toString(), work.toString());
    run(work, "git", "checkout", "-q", "-b", "main");
    return new GitCli(bare, work);
  }

  /** The repositories {@link #create} made under {@code root} earlier. */
  public static GitCli open(Path root) {
    return new GitCli(root.resolve("remote.git"), root.resolve("work"));
  }

  public Path bare() {
    return bare;
  }

  public Path work() {
    return work;
  }

  /** Writes (or with null content deletes) files in the work clone, commits and pushes main. */
  public String commitAndPush(String message, String... pathAndContent) {
    for (int i = 0; i < pathAndContent.length; i += 2) {
      Path p = work.resolve(pathAndContent[i]);
      try {
        if (pathAndContent[i + 1] == null) {
          Files.deleteIfExists(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.writeString(p, pathAndContent[i + 1]);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    git(work, "add", "-A");
    git(work, "commit", "-q", "--allow-empty", "-m", message);
    git(work, "push", "-q", "origin", "main");
    return git(work, "rev-parse", "HEAD").strip();
  }

  /** Runs {@code git} with an identity in {@code dir}; returns stdout, throws on failure. */
  public static String git(Path dir, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.add("-c");
    argv.add("user.name=Test Operator");
    argv.add("-c");
    argv.add("user.email=ops@example.test");
    argv.addAll(List.of(args));
    return run(dir, argv.toArray(String[]::new));
  }

  /** {@code git} against the bare repository (log, show, rev-parse of any branch). */
  public String inBare(String... args) {
    return git(bare, args);
  }

  static String run(Path dir, String... argv) {
    try {
      Process p =
          new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
