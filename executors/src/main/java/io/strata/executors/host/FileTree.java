package io.strata.executors.host;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A directory tree read in one call ({@link Host#readTree}): every entry down to {@code maxDepth}
 * below the root, by path relative to it ({@code a/b}), with the bytes of the regular files whose
 * name one of the asked patterns matches. Over SSH that is one round trip instead of one per {@code
 * list} and per {@code readFile}.
 *
 * <p>{@link #list} and {@link #read} answer exactly as {@link Host#list} and {@link Host#readFile}
 * would: from the snapshot where it knows (a listed directory, a file it holds, a path it knows to
 * be absent), otherwise (an unreadable file, a path through a link, beyond the depth) by asking the
 * host, so an error or a link behaves as it did for a single read.
 */
public final class FileTree {
  /** What a path is. */
  public sealed interface Entry permits Directory, Symlink, File, Unreadable, Skipped {}

  /** A directory; listed when above {@code maxDepth}. */
  public record Directory() implements Entry {}

  /** A symbolic link, not followed (configfs links name their target by their own name). */
  public record Symlink() implements Entry {}

  /** A regular file whose content was asked for and read. */
  public static final class File implements Entry {
    private final byte[] content;

    public File(byte[] content) {
      this.content = content.clone();
    }

    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof File f && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "File[" + content.length + " bytes]";
    }
  }

  /**
   * An entry that was to be read but could not be: a read that failed (configfs attributes without
   * a show function refuse with EACCES, others with EINVAL), a file over the size limit, a
   * directory that cannot be listed.
   */
  public record Unreadable(String reason) implements Entry {}

  /** A regular file not asked for, or something other than a file, directory or link (a fifo). */
  public record Skipped() implements Entry {}

  /** The most bytes a file may have to be read in a tree; a larger one is {@link Unreadable}. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The deepest tree one call may read. */
  public static final int MAX_DEPTH = 16;

  private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9._*-]+");

  private final Path root;
  private final boolean exists;
  private final boolean complete;
  private final int maxDepth;
  private final SortedMap<String, Entry> entries;
  private final Map<String, List<String>> children;

  private FileTree(
      Path root, boolean exists, boolean complete, int maxDepth, SortedMap<String, Entry> entries) {
    this.root = root;
    this.exists = exists;
    this.complete = complete;
    this.maxDepth = maxDepth;
    this.entries = Collections.unmodifiableSortedMap(entries);
    Map<String, List<String>> kids = new TreeMap<>();
    if (exists) {
      kids.put("", new ArrayList<>());
    }
    entries.forEach(
        (rel, e) -> {
          kids.get(parent(rel)).add(rel.substring(rel.lastIndexOf('/') + 1));
          if (e instanceof Directory && depth(rel) < maxDepth) {
            kids.put(rel, new ArrayList<>());
          }
        });
    kids.replaceAll((k, v) -> List.copyOf(v.stream().sorted().toList()));
    this.children = Collections.unmodifiableMap(kids);
  }

  /** A root that does not exist (or is not a directory): every path under it is absent. */
  public static FileTree absent(Path root, int maxDepth) {
    return new FileTree(checkedRoot(root), false, true, checkedDepth(maxDepth), new TreeMap<>());
  }

  public static Builder builder(Path root, int maxDepth) {
    return new Builder(checkedRoot(root), checkedDepth(maxDepth));
  }

  /** Collects entries parent first (a walk's order) and refuses anything a walk cannot produce. */
  public static final class Builder {
    private final Path root;
    private final int maxDepth;
    private final SortedMap<String, Entry> entries = new TreeMap<>();

    private Builder(Path root, int maxDepth) {
      this.root = root;
      this.maxDepth = maxDepth;
    }

    /**
     * Adds {@code rel}; throws {@link IllegalArgumentException} for a malformed path, a duplicate,
     * a path deeper than the limit or one whose parent is not a listed directory added before.
     */
    public Builder add(String rel, Entry entry) {
      if (rel == null || rel.isEmpty() || rel.startsWith("/") || rel.endsWith("/")) {
        throw new IllegalArgumentException("not a relative path: '" + rel + "'");
      }
      for (String seg : rel.split("/", -1)) {
        if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("not a relative path: '" + rel + "'");
        }
      }
      if (depth(rel) > maxDepth) {
        throw new IllegalArgumentException(rel + " is deeper than " + maxDepth);
      }
      String parent = parent(rel);
      if (!parent.isEmpty() && !(entries.get(parent) instanceof Directory)) {
        throw new IllegalArgumentException(rel + " comes before its directory " + parent);
      }
      if (entries.putIfAbsent(rel, Objects.requireNonNull(entry, "entry")) != null) {
        throw new IllegalArgumentException(rel + " appears twice");
      }
      return this;
    }

    public FileTree build() {
      return new FileTree(root, true, true, maxDepth, entries);
    }

    /** A tree that proves nothing absent: every path it lacks is asked of the host. */
    FileTree buildReadThrough() {
      return new FileTree(root, true, false, maxDepth, entries);
    }
  }

  public Path root() {
    return root;
  }

  /** Whether the root was a directory. */
  public boolean exists() {
    return exists;
  }

  public int maxDepth() {
    return maxDepth;
  }

  /** Every entry, by relative path, sorted. */
  public SortedMap<String, Entry> entries() {
    return entries;
  }

  public Optional<Entry> entry(String rel) {
    return Optional.ofNullable(entries.get(rel));
  }

  /** {@link Host#list} of {@code dir}, from the snapshot where it can, else from {@code host}. */
  public List<String> list(Host host, Path dir) {
    Optional<String> rel = relative(dir);
    if (rel.isPresent()) {
      if (knownAbsent(rel.get())) {
        return List.of();
      }
      List<String> names = children.get(rel.get());
      if (names != null) {
        return names;
      }
    }
    return host.list(dir);
  }

  /**
   * {@link Host#readFile} of {@code file}, from the snapshot where it can, else from {@code host}.
   */
  public Optional<byte[]> read(Host host, Path file) {
    Optional<String> rel = relative(file);
    if (rel.isPresent()) {
      if (knownAbsent(rel.get())) {
        return Optional.empty();
      }
      if (entries.get(rel.get()) instanceof File f) {
        return Optional.of(f.content());
      }
    }
    return host.readFile(file);
  }

  /** {@code p} relative to the root ("" for the root), or empty when it is not under it. */
  private Optional<String> relative(Path p) {
    Path n = p.normalize();
    if (!n.isAbsolute() || !n.startsWith(root)) {
      return Optional.empty();
    }
    return Optional.of(root.relativize(n).toString());
  }

  /** Whether the snapshot proves {@code rel} absent: a listed directory on its way lacks it. */
  private boolean knownAbsent(String rel) {
    if (!complete) {
      return false;
    }
    if (!exists) {
      return true;
    }
    if (rel.isEmpty()) {
      return false;
    }
    String at = "";
    for (String seg : rel.split("/")) {
      List<String> names = children.get(at);
      if (names == null) {
        return false; // not listed: beyond the depth, a link or not a directory
      }
      String next = at.isEmpty() ? seg : at + "/" + seg;
      if (!entries.containsKey(next)) {
        return true;
      }
      at = next;
    }
    return false;
  }

  static String parent(String rel) {
    int i = rel.lastIndexOf('/');
    return i < 0 ? "" : rel.substring(0, i);
  }

  static int depth(String rel) {
    return rel.isEmpty() ? 0 : (int) rel.chars().filter(c -> c == '/').count() + 1;
  }

  static Path checkedRoot(Path root) {
    if (root == null || !root.isAbsolute() || root.getNameCount() == 0) {
      throw new IllegalArgumentException("a tree's root must be an absolute path below /: " + root);
    }
    return root.normalize();
  }

  static int checkedDepth(int maxDepth) {
    if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "a tree's depth must be 1 to " + MAX_DEPTH + ", got " + maxDepth);
    }
    return maxDepth;
  }

  /**
   * Validates the name patterns of the files to read: letters, digits, {@code . _ -} and {@code *}
   * (any run of characters), so that they mean the same in Java and in a shell's {@code case}.
   */
  public static List<String> checkedPatterns(Collection<String> patterns) {
    List<String> out = List.copyOf(patterns);
    for (String p : out) {
      if (!NAME_PATTERN.matcher(p).matches()) {
        throw new IllegalArgumentException(
            "a file name pattern may hold letters, digits, '.', '_', '-' and '*': '" + p + "'");
      }
    }
    return out;
  }

  /** Whether {@code name} matches one of the (checked) patterns, as {@code case} would. */
  public static boolean wanted(Collection<String> patterns, String name) {
    for (String p : patterns) {
      if (matches(p, 0, name, 0)) {
        return true;
      }
    }
    return false;
  }

  /** Glob match where {@code *} is any run of characters and every other character itself. */
  private static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (matches(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  /**
   * A tree read through {@link Host#list} and {@link Host#readFile} (the default of {@link
   * Host#readTree}): those two cannot tell an empty directory from a link or an unread file, so
   * every entry whose content was not read is a directory with the entries {@code list} gives; and
   * as a host's {@code list} need not show every directory that has entries (test fakes), the tree
   * proves nothing absent: what it lacks is asked again.
   */
  static FileTree walk(Host host, Path root, int maxDepth, Collection<String> patterns) {
    Path r = checkedRoot(root);
    int depth = checkedDepth(maxDepth);
    List<String> read = checkedPatterns(patterns);
    Builder b = builder(r, depth);
    walk(host, b, r, "", host.list(r), 1, depth, read);
    return b.buildReadThrough();
  }

  private static void walk(
      Host host,
      Builder b,
      Path dir,
      String rel,
      List<String> names,
      int depth,
      int maxDepth,
      List<String> read) {
    for (String name : names) {
      Path p = dir.resolve(name);
      String r = rel.isEmpty() ? name : rel + "/" + name;
      if (wanted(read, name)) {
        try {
          Optional<byte[]> content = host.readFile(p);
          if (content.isPresent()) {
            b.add(r, tooLarge(content.get()) ? tooLargeEntry() : new File(content.get()));
            continue;
          }
        } catch (UncheckedIOException e) {
          b.add(r, new Unreadable(e.getMessage()));
          continue;
        }
      }
      b.add(r, new Directory());
      if (depth < maxDepth) {
        walk(host, b, p, r, host.list(p), depth + 1, maxDepth, read);
      }
    }
  }

  static boolean tooLarge(byte[] content) {
    return content.length > MAX_FILE_BYTES;
  }

  static Unreadable tooLargeEntry() {
    return new Unreadable("larger than " + MAX_FILE_BYTES + " bytes");
  }
}
