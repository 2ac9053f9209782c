package io.strata.schema.load;

import io.strata.schema.check.Manifest;
import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Kind;
import io.strata.schema.validate.SchemaValidator;
import io.strata.schema.yaml.SafeYaml;
import io.strata.schema.yaml.SourceDecoder;
import io.strata.schema.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one manifest file yields on its own, before the checks across documents: its errors in the
 * order they are found (decoding, YAML, then per document header and schema), and per document its
 * kind, name and typed model. A pure function of the file's path and bytes, so files are read in
 * parallel and an unchanged file's outcome is reused.
 */
record FileOutcome(List<Diagnostic> errors, List<Doc> documents, boolean complete) {

  /** One document: kind and name when readable, the model when it passed its schema. */
  record Doc(Kind kind, String name, Manifest<?> manifest) {}

  static FileOutcome of(String path, byte[] bytes) {
    List<Diagnostic> errors = new ArrayList<>();
    SourceDecoder.Decoded decoded = SourceDecoder.decode(path, bytes);
    if (decoded instanceof SourceDecoder.Decoded.Refused r) {
      return new FileOutcome(List.of(r.diagnostic()), List.of(), false);
    }
    SafeYaml.Parsed parsed = SafeYaml.parse(path, ((SourceDecoder.Decoded.Text) decoded).text());
    errors.addAll(parsed.errors());
    boolean complete = parsed.errors().isEmpty();
    List<Doc> docs = new ArrayList<>();
    for (YamlDocument doc : parsed.documents()) {
      int before = errors.size();
      Optional<Kind> kind = DocumentHeader.read(doc, errors);
      if (kind.isEmpty()) {
        complete = false;
        docs.add(new Doc(null, null, null));
        continue;
      }
      Kind k = kind.get();
      var n = doc.root().path("metadata").path("name");
      String name = n.isString() ? n.asString() : null;
      errors.addAll(SchemaValidator.get().validate(doc, k));
      if (errors.size() > before) {
        complete = false;
        docs.add(new Doc(k, name, null));
        continue;
      }
      Manifest<?> m =
          switch (k) {
            case NODE -> new Manifest<>(doc, ModelBuilder.node(doc));
            case STORAGE_POOL -> new Manifest<>(doc, ModelBuilder.pool(doc));
            case RESOURCE_TEMPLATE -> new Manifest<>(doc, ModelBuilder.template(doc));
            case VOLUME -> new Manifest<>(doc, ModelBuilder.volume(doc));
            case SNAPSHOT -> new Manifest<>(doc, ModelBuilder.snapshot(doc));
          };
      docs.add(new Doc(k, name, m));
    }
    return new FileOutcome(List.copyOf(errors), List.copyOf(docs), complete);
  }
}
