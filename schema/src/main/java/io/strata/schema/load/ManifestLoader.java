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
import io.strata.schema.validate.SchemaValidator;
import io.strata.schema.yaml.SafeYaml;
import io.strata.schema.yaml.SourceDecoder;
import io.strata.schema.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static LoadResult run(SortedMap<String, byte[]> files, List<Diagnostic> refused) {
    List<Diagnostic> errors = new ArrayList<>(refused);
    Collector c = new Collector();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (!ManifestFiles.isManifest(f.getKey())) {
        continue;
      }
      SourceDecoder.Decoded decoded = SourceDecoder.decode(f.getKey(), f.getValue());
      if (decoded instanceof SourceDecoder.Decoded.Refused r) {
        errors.add(r.diagnostic());
        c.complete = false;
        continue;
      }
      SafeYaml.Parsed parsed =
          SafeYaml.parse(f.getKey(), ((SourceDecoder.Decoded.Text) decoded).text());
      errors.addAll(parsed.errors());
      if (!parsed.errors().isEmpty()) {
        c.complete = false;
      }
      for (YamlDocument doc : parsed.documents()) {
        c.add(doc, errors);
      }
    }
    ManifestSet manifests = c.manifests();
    for (Check check : Checks.ALL) {
      errors.addAll(check.check(manifests));
    }
    if (!errors.isEmpty()) {
      return new LoadResult.Invalid(errors);
    }
    return new LoadResult.Valid(
        DesiredState.of(
            models(manifests.nodes()),
            models(manifests.pools()),
            models(manifests.templates()),
            models(manifests.volumes()),
            models(manifests.snapshots())),
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

    void add(YamlDocument doc, List<Diagnostic> errors) {
      documents++;
      int before = errors.size();
      Optional<Kind> kind = DocumentHeader.read(doc, errors);
      if (kind.isEmpty()) {
        complete = false;
        return;
      }
      Kind k = kind.get();
      var name = doc.root().path("metadata").path("name");
      if (name.isString()) {
        names.computeIfAbsent(k, x -> new TreeSet<>()).add(name.asString());
      }
      errors.addAll(SchemaValidator.get().validate(doc, k));
      if (errors.size() > before) {
        complete = false;
        return;
      }
      switch (k) {
        case NODE -> nodes.add(new Manifest<>(doc, ModelBuilder.node(doc)));
        case STORAGE_POOL -> pools.add(new Manifest<>(doc, ModelBuilder.pool(doc)));
        case RESOURCE_TEMPLATE -> templates.add(new Manifest<>(doc, ModelBuilder.template(doc)));
        case VOLUME -> volumes.add(new Manifest<>(doc, ModelBuilder.volume(doc)));
        case SNAPSHOT -> snapshots.add(new Manifest<>(doc, ModelBuilder.snapshot(doc)));
      }
    }

    ManifestSet manifests() {
      return new ManifestSet(nodes, pools, templates, volumes, snapshots, names, complete);
    }
  }
}
