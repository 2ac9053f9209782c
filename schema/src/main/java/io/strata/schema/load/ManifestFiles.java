package io.strata.schema.load;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Origin;
import io.strata.schema.yaml.SourceDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which files of a manifest root are manifests, and reading them. A manifest is any {@code *.yaml}
 * or {@code *.yml} file below the root, except: anything under {@code status/} at the root
 * (Strata's own status output), anything in a dot-folder ({@code .git}, {@code .github}), hidden
 * files ({@code .gitlab-ci.yml}, {@code .yamllint.yml} are tool configuration, not manifests), and
 * any file named {@code strata.yaml} (the reconciler's configuration).
 */
public final class ManifestFiles {
  private ManifestFiles() {}

  /** The files read from disk (sorted by relative path), and those refused before reading. */
  public record Read(SortedMap<String, byte[]> files, List<Diagnostic> refused) {}

  /** Whether a path relative to the manifest root, with '/' separators, is a manifest. */
  public static boolean isManifest(String relativePath) {
    String[] parts = relativePath.split("/");
    String name = parts[parts.length - 1];
    if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || name.equals("strata.yaml")) {
      return false;
    }
    if (parts.length > 1 && parts[0].equals("status")) {
      return false;
    }
    for (String p : parts) {
      if (p.startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /** Reads every manifest below {@code root}; oversized files are refused without reading them. */
  public static Read read(Path root) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<Diagnostic> refused = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      refused.add(
          Diagnostic.at(
              new Origin(root.toString(), 0, 0),
              "manifest root is not a directory",
              "pass the folder that holds the manifests"));
      return new Read(files, refused);
    }
    List<Path> paths;
    try (Stream<Path> s = Files.walk(root)) {
      paths = s.filter(Files::isRegularFile).toList();
    } catch (IOException | UncheckedIOException e) {
      refused.add(
          Diagnostic.at(
              new Origin(root.toString(), 0, 0),
              "cannot list the manifest root: " + e.getMessage(),
              "check permissions"));
      return new Read(files, refused);
    }
    for (Path p : paths) {
      String rel = relative(root, p);
      if (!isManifest(rel)) {
        continue;
      }
      try {
        long size = Files.size(p);
        if (size > SourceDecoder.MAX_BYTES) {
          refused.add(
              ((SourceDecoder.Decoded.Refused) SourceDecoder.tooLarge(rel, size)).diagnostic());
          continue;
        }
        files.put(rel, Files.readAllBytes(p));
      } catch (IOException e) {
        refused.add(
            Diagnostic.at(
                new Origin(rel, 0, 0),
                "cannot read file: " + e.getMessage(),
                "check that the file is readable"));
      }
    }
    return new Read(files, refused);
  }

  private static String relative(Path root, Path p) {
    List<String> parts = new ArrayList<>();
    root.relativize(p).forEach(x -> parts.add(x.toString()));
    return String.join("/", parts);
  }
}
