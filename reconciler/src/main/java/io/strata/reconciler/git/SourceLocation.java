package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

/**
 * Where the manifests come from — {@code git.url} or {@code --repo} — resolved one way for the CLI
 * and the daemon (ARCHITECTURE.md §11). A relative path resolves against {@code base}: the config
 * file's folder for {@code git.url}, the current directory for {@code --repo}.
 */
public sealed interface SourceLocation {
  /** What the user wrote, for messages. */
  String given();

  /** The URL or absolute path Git fetches from. */
  String fetchUrl();

  /**
   * A local folder: its working tree is read as files (Git or not); with a ref, the Git repository
   * in it ({@code .git}) is read instead.
   */
  record Folder(String given, Path path) implements SourceLocation {
    @Override
    public String fetchUrl() {
      return path.toString();
    }

    /** Whether the folder holds a Git repository whose commits can be read. */
    public boolean isRepository() {
      return Files.isDirectory(path.resolve(".git")) || Files.isRegularFile(path.resolve(".git"));
    }
  }

  /** A local repository read only through Git: a bare repository or a {@code file://} URL. */
  record LocalRepository(String given, Path path) implements SourceLocation {
    @Override
    public String fetchUrl() {
      return path.toString();
    }
  }

  /** A repository on a server ({@code ssh://}, {@code https://}, {@code user@host:path}). */
  record Remote(String given) implements SourceLocation {
    @Override
    public String fetchUrl() {
      return given;
    }
  }

  /** Classifies {@code location}; relative paths resolve against {@code base}. */
  static SourceLocation resolve(String location, Path base) {
    String s = location.strip();
    if (s.startsWith("file:")) {
      try {
        return new LocalRepository(location, Path.of(URI.create(s)).normalize());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "'" + location + "' is not a usable file URL — write file:///absolute/path/repo.git");
      }
    }
    if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || s.matches("^[\\w.-]+@[\\w.-]+:.*")) {
      return new Remote(location);
    }
    Path p = base.resolve(s).toAbsolutePath().normalize();
    // JGit's test needs an objects folder too; asking first spares a plain folder of manifests
    // JGit's file-system detection, 5 ms of CPU at the start of every command
    boolean bare =
        !Files.exists(p.resolve(".git"))
            && Files.exists(p.resolve("objects"))
            && RepositoryCache.FileKey.isGitRepository(p.toFile(), FS.DETECTED);
    return bare ? new LocalRepository(location, p) : new Folder(location, p);
  }
}
