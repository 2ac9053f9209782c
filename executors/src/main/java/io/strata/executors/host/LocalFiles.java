package io.strata.executors.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** File operations of {@link LocalHost}, optionally under a root prefix (for tests). */
final class LocalFiles {
  // Attribute files of kernel pseudo file systems (nvmet's configfs) cannot be replaced by rename
  // and do not accept new files: they are written in place.
  private static final Set<String> PSEUDO_FS = Set.of("configfs", "sysfs", "proc");

  private final Path root;

  LocalFiles(Path root) {
    this.root = root;
  }

  Path resolve(Path path) {
    if (root == null) {
      return path;
    }
    Path rel = path.isAbsolute() ? path.getRoot().relativize(path) : path;
    return root.resolve(rel);
  }

  void write(Path path, byte[] content, int mode) {
    Set<PosixFilePermission> perms = PosixModes.toPermissions(mode);
    Path target = resolve(path);
    Path dir = target.toAbsolutePath().getParent();
    try {
      if (PSEUDO_FS.contains(Files.getFileStore(dir).type())) {
        Files.write(target, content, StandardOpenOption.WRITE);
        return;
      }
      // The temp file starts owner-only and gets its final mode while still empty, before any
      // byte is written: a secret is never readable by others, not even for a moment. The
      // channel is opened first so that a read-only mode (0400) still lets us write.
      Path tmp =
          Files.createTempFile(
              dir,
              "." + target.getFileName() + ".",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixModes.toPermissions(0600)));
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          Files.setPosixFilePermissions(tmp, perms);
          ByteBuffer buf = ByteBuffer.wrap(content);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("cannot rename atomically within " + dir, e);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      fsyncDirectory(dir);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "cannot write " + path + ": directory " + dir + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Makes the rename durable: without it a crash can bring back the old file. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open or sync a directory; the file itself is synced.
    }
  }

  Optional<byte[]> read(Path path) {
    try {
      return Optional.of(Files.readAllBytes(resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(resolve(dir))) {
      List<String> names = new ArrayList<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      names.sort(null);
      return names;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A native walk: kinds from lstat, links not followed, each file read up to the limit. */
  FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    Path r = FileTree.checkedRoot(root);
    int depth = FileTree.checkedDepth(maxDepth);
    List<String> patterns = FileTree.checkedPatterns(read);
    Path real = resolve(r);
    if (!Files.isDirectory(real)) {
      return FileTree.absent(r, depth);
    }
    FileTree.Builder b = FileTree.builder(r, depth);
    try {
      walk(b, real, "", names(real), 1, depth, patterns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + r + ": " + e.getMessage(), e);
    }
    return b.build();
  }

  private static void walk(
      FileTree.Builder b,
      Path dir,
      String rel,
      List<String> names,
      int depth,
      int maxDepth,
      List<String> patterns) {
    for (String name : names) {
      Path p = dir.resolve(name);
      String r = rel.isEmpty() ? name : rel + "/" + name;
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        continue; // gone since the listing
      }
      if (a.isSymbolicLink()) {
        b.add(r, new FileTree.Symlink());
      } else if (a.isDirectory()) {
        List<String> children;
        try {
          children = names(p);
        } catch (IOException e) {
          b.add(r, new FileTree.Unreadable("cannot list: " + e.getMessage()));
          continue;
        }
        b.add(r, new FileTree.Directory());
        if (depth < maxDepth) {
          walk(b, p, r, children, depth + 1, maxDepth, patterns);
        }
      } else if (a.isRegularFile() && FileTree.wanted(patterns, name)) {
        b.add(r, content(p));
      } else {
        b.add(r, new FileTree.Skipped());
      }
    }
  }

  private static FileTree.Entry content(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] bytes = in.readNBytes(FileTree.MAX_FILE_BYTES + 1);
      return FileTree.tooLarge(bytes) ? FileTree.tooLargeEntry() : new FileTree.File(bytes);
    } catch (IOException e) {
      return new FileTree.Unreadable("cannot read: " + e.getMessage());
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  void delete(Path path) {
    try {
      Files.deleteIfExists(resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }
}
