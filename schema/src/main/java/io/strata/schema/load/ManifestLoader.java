package io.strata.schema.load;

import io.strata.schema.check.Check;
import io.strata.schema.check.Manifest;
import io.strata.schema.check.ManifestSet;
import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Kind;
import io.strata.schema.model.Node;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads a manifest repository: reads every manifest file, parses it safely, validates each document
 * against its kind's JSON Schema, builds the typed model and runs the semantic checks across all
 * documents. The result is either a complete {@link DesiredState} or every error found, sorted and
 * located ({@code file:line:column}). Never throws for bad input.
 *
 * <p>{@link io.strata.schema.diag.Diagnostic} is the error type.
 */
public final class ManifestLoader {
  private ManifestLoader() {}

  /** Walks {@code manifestRoot} (see {@link ManifestFiles} for which files count) and loads it. */
  public static LoadResult load(Path manifestRoot) {
    ManifestFiles.Read read = ManifestFiles.read(manifestRoot);
    return run(read.files(), read.refused());
  }

  /**
   * Loads manifests given as text, keyed by path relative to the manifest root (e.g. from Git blobs
   * already decoded, or tests). Paths that are not manifests ({@link ManifestFiles#isManifest}) are
   * ignored.
   */
  public static LoadResult loadFiles(Map<String, String> relativePathToContent) {
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    relativePathToContent.forEach(
        (k, v) -> bytes.put(normalize(k), v.getBytes(StandardCharsets.UTF_8)));
    return run(bytes, List.of());
  }

  /**
   * Loads manifests given as raw bytes, keyed by relative path: the form Git blobs come in.
   * Non-UTF-8 and binary content is refused here.
   */
  public static LoadResult loadBytes(Map<String, byte[]> relativePathToBytes) {
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    relativePathToBytes.forEach((k, v) -> bytes.put(normalize(k), v));
    return run(bytes, List.of());
  }

  /** Tolerates "./a.yaml" and Windows separators in caller-supplied paths. */
  private static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }

  /**
   * Loads manifests given as raw bytes like {@link #loadBytes(Map)}, reusing from {@code cache} the
   * parsed and schema-checked documents of every file whose bytes did not change since the cache
   * saw them: a warm daemon parses only the files a commit changed.
   */
  public static LoadResult loadBytes(Map<String, byte[]> relativePathToBytes, ParsedFiles cache) {
    SortedMap<String, byte[]> bytes = new TreeMap<>();
    relativePathToBytes.forEach((k, v) -> bytes.put(normalize(k), v));
    return run(bytes, List.of(), cache);
  }

  private static LoadResult run(SortedMap<String, byte[]> files, List<Diagnostic> refused) {
    return run(files, refused, null);
  }

  private static LoadResult run(
      SortedMap<String, byte[]> files, List<Diagnostic> refused, ParsedFiles cache) {
    List<Diagnostic> errors = new ArrayList<>(refused);
    List<Map.Entry<String, byte[]>> manifests =
        files.entrySet().stream().filter(f -> ManifestFiles.isManifest(f.getKey())).toList();
    // Files are independent until the checks across documents: parse and schema-check them in
    // parallel, then merge in path order, so errors come in the same order as one by one.
    List<FileOutcome> outcomes =
        (manifests.size() > 1 ? manifests.parallelStream() : manifests.stream())
            .map(
                f ->
                    cache == null
                        ? FileOutcome.of(f.getKey(), f.getValue())
                        : cache.outcome(f.getKey(), f.getValue()))
            .toList();
    if (cache != null) {
      cache.retainOnly(files.keySet());
    }
    Collector c = new Collector();
    for (FileOutcome o : outcomes) {
      c.add(o, errors);
    }
    ManifestSet set = c.manifests();
    for (Check check : Checks.ALL) {
      errors.addAll(check.check(set));
    }
    if (!errors.isEmpty()) {
      return new LoadResult.Invalid(errors);
    }
    return new LoadResult.Valid(
        DesiredState.of(
            models(set.nodes()),
            models(set.pools()),
            models(set.templates()),
            models(set.volumes()),
            models(set.snapshots())),
        c.documents);
  }

  private static <T> List<T> models(List<Manifest<T>> ms) {
    return ms.stream().map(Manifest::model).toList();
  }

  /** Sorts schema-valid documents by kind and remembers every readable name. */
  private static final class Collector {
    final List<Manifest<Node>> nodes = new ArrayList<>();
    final List<Manifest<StoragePool>> pools = new ArrayList<>();
    final List<Manifest<ResourceTemplate>> templates = new ArrayList<>();
    final List<Manifest<Volume>> volumes = new ArrayList<>();
    final List<Manifest<Snapshot>> snapshots = new ArrayList<>();
    final Map<Kind, Set<String>> names = new EnumMap<>(Kind.class);
    boolean complete = true;
    int documents;

    @SuppressWarnings("unchecked")
    void add(FileOutcome o, List<Diagnostic> errors) {
      errors.addAll(o.errors());
      complete &= o.complete();
      for (FileOutcome.Doc d : o.documents()) {
        documents++;
        if (d.kind() == null) {
          continue;
        }
        if (d.name() != null) {
          names.computeIfAbsent(d.kind(), x -> new TreeSet<>()).add(d.name());
        }
        Manifest<?> m = d.manifest();
        if (m == null) {
          continue;
        }
        switch (d.kind()) {
          case NODE -> nodes.add((Manifest<Node>) m);
          case STORAGE_POOL -> pools.add((Manifest<StoragePool>) m);
          case RESOURCE_TEMPLATE -> templates.add((Manifest<ResourceTemplate>) m);
          case VOLUME -> volumes.add((Manifest<Volume>) m);
          case SNAPSHOT -> snapshots.add((Manifest<Snapshot>) m);
        }
      }
    }

    ManifestSet manifests() {
      return new ManifestSet(nodes, pools, templates, volumes, snapshots, names, complete);
    }
  }
}
