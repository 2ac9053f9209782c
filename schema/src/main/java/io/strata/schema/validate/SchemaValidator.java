package io.strata.schema.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Kind;
import io.strata.schema.yaml.YamlDocument;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates one document against its kind's JSON Schema and turns every validation error into a
 * located {@link Diagnostic}. The schemas are compiled once per JVM and shared: compiling is by far
 * the most expensive step, validating a document is cheap. Thread-safe.
 */
public final class SchemaValidator {
  private static final SchemaValidator INSTANCE = new SchemaValidator();

  private final Map<Kind, Schema> schemas = new EnumMap<>(Kind.class);
  private final ErrorTranslator translator;

  private SchemaValidator() {
    SchemaFiles files = new SchemaFiles();
    // Only our own $ids are resolvable, from the classpath: validation never touches the network.
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemaIdResolvers(r -> r.mapPrefix(SchemaFiles.ID_PREFIX, "classpath:schemas/")));
    for (Kind k : Kind.values()) {
      Schema s =
          registry.getSchema(SchemaLocation.of(SchemaFiles.ID_PREFIX + SchemaFiles.fileOf(k)));
      s.initializeValidators();
      schemas.put(k, s);
    }
    translator = new ErrorTranslator(files);
  }

  public static SchemaValidator get() {
    return INSTANCE;
  }

  /**
   * Schema errors of {@code doc} read as {@code kind}. Errors about {@code apiVersion} and {@code
   * kind} themselves are left to the loader, which reports them with better hints.
   */
  public List<Diagnostic> validate(YamlDocument doc, Kind kind) {
    List<Error> errors = schemas.get(kind).validate(doc.root());
    return errors.isEmpty() ? List.of() : translator.translateAll(doc, errors);
  }
}
