package io.strata.schema.yaml;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses the text of one manifest file into documents, safely: no alias expansion, no duplicate
 * keys, no tabs for indentation, no environment substitution, bounded size. Empty documents are
 * skipped; a document that is not a mapping is an error. Documents with an error are dropped; the
 * others are still returned so that their own problems are reported in the same run.
 */
public final class SafeYaml {
  private SafeYaml() {}

  /** The documents of one file, or why it was refused. */
  public record Parsed(List<YamlDocument> documents, List<Diagnostic> errors) {
    public Parsed {
      documents = List.copyOf(documents);
      errors = List.copyOf(errors);
    }
  }

  public static Parsed parse(String file, String text) {
    List<Diagnostic> errors = new ArrayList<>();
    Optional<Diagnostic> tab = findIndentTab(file, text);
    if (tab.isPresent()) {
      return new Parsed(List.of(), List.of(tab.get()));
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(50)
            .setAllowRecursiveKeys(false)
            .setCodePointLimit((int) SourceDecoder.MAX_BYTES + 1)
            .setSchema(new CoreSchema()) // YAML 1.2 core: true/True/TRUE, 0x10, ~ as null
            .build();
    Optional<Diagnostic> anchor = AnchorScan.scan(file, text, settings);
    if (anchor.isPresent()) {
      return new Parsed(List.of(), List.of(anchor.get()));
    }
    List<YamlDocument> docs = new ArrayList<>();
    try {
      int index = 0;
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        int i = index++;
        if (isEmpty(node)) {
          continue;
        }
        Positions positions = new Positions(file);
        NodeConverter converter = new NodeConverter(file, positions, errors);
        if (!(node instanceof MappingNode)) {
          errors.add(
              Diagnostic.at(
                  converter.origin(node.getStartMark()),
                  "document is a " + describe(node) + ", not a mapping",
                  "a manifest is a mapping with apiVersion, kind, metadata and spec"));
          continue;
        }
        int before = errors.size();
        if (converter.convert(node, "", 0) instanceof ObjectNode root && errors.size() == before) {
          docs.add(new YamlDocument(file, i, root, positions));
        }
      }
    } catch (MarkedYamlEngineException e) {
      errors.add(syntaxError(file, e));
    } catch (YamlEngineException e) {
      errors.add(Diagnostic.at(new Origin(file, 1, 1), clean(e.getMessage()), hintFor(e)));
    } catch (StackOverflowError e) {
      errors.add(
          Diagnostic.at(
              new Origin(file, 1, 1),
              "YAML nested too deeply to parse",
              "manifests are shallow; check the brackets and indentation"));
    }
    return new Parsed(docs, errors);
  }

  private static Diagnostic syntaxError(String file, MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    Origin at =
        mark.map(m -> new Origin(file, m.getLine() + 1, m.getColumn() + 1))
            .orElse(new Origin(file, 1, 1));
    String problem = e.getProblem() == null ? clean(e.getMessage()) : clean(e.getProblem());
    String context = "";
    if (e.getContext() != null) {
      context =
          " ("
              + clean(e.getContext())
              + e.getContextMark().map(m -> " started at line " + (m.getLine() + 1)).orElse("")
              + ")";
    }
    return Diagnostic.at(at, "YAML syntax error: " + problem + context, hintFor(e));
  }

  private static String hintFor(YamlEngineException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("aliases")) {
      return "anchors and aliases (&name / *name) are not allowed in manifests; write values out";
    }
    return "fix the YAML syntax at this position";
  }

  /** Only the first line: the engine appends a source snippet that would break one-line output. */
  private static String clean(String message) {
    String m = message == null ? "unreadable YAML" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /** YAML forbids tabs in indentation; say so plainly instead of the engine's token error. */
  private static Optional<Diagnostic> findIndentTab(String file, String text) {
    int line = 1;
    int col = 1;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        col = 1;
        leading = true;
        continue;
      }
      if (leading && c == '\t') {
        int end = text.indexOf('\n', i);
        String rest = (end < 0 ? text.substring(i) : text.substring(i, end)).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
          return Optional.of(
              Diagnostic.at(
                  new Origin(file, line, col),
                  "tab character used for indentation",
                  "YAML indentation must use spaces; replace the tab with spaces"));
        }
      } else if (c != ' ') {
        leading = false;
      }
      col++;
    }
    return Optional.empty();
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) && s.getValue().isEmpty();
  }

  private static String describe(Node node) {
    return switch (node.getNodeType()) {
      case SEQUENCE -> "list";
      case SCALAR -> "plain value";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
