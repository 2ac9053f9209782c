package io.strata.reconciler.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The example repositories packed into the jar, unpacked for {@code strata demo}. */
public final class EmbeddedExamples {
  private static final String SMALL = "examples/small";

  private EmbeddedExamples() {}

  /**
   * Copies the small example (manifests and strata.yaml) into {@code target}/small; returns that
   * folder.
   */
  public static Path unpackSmall(Path target) {
    URL marker = EmbeddedExamples.class.getClassLoader().getResource(SMALL + "/strata.yaml");
    if (marker == null) {
      throw new IllegalStateException("the small example is not packed into this build");
    }
    Path dest = target.resolve("small");
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(fs.getPath("/" + SMALL), dest);
        }
      } else {
        copyTree(Path.of(uri).getParent(), dest);
      }
      return dest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(from)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      Path d = to.resolve(from.relativize(f).toString());
      Files.createDirectories(d.getParent());
      Files.copy(f, d, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
