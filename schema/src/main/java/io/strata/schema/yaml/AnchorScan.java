package io.strata.schema.yaml;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Origin;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Finds anchors and aliases on the event stream, before anything is composed: manifests never need
 * them, and refusing them outright makes alias bombs ("billion laughs") impossible rather than
 * merely bounded. Reports the first one with its position and how many there are in the file.
 */
final class AnchorScan {
  private AnchorScan() {}

  static Optional<Diagnostic> scan(String file, String text, LoadSettings settings) {
    if (text.indexOf('&') < 0 && text.indexOf('*') < 0) {
      return Optional.empty(); // the common case costs one pass over the characters
    }
    Event first = null;
    int count = 0;
    try {
      for (Event e : new Parse(settings).parseString(text)) {
        if (e instanceof AliasEvent || (e instanceof NodeEvent n && n.getAnchor().isPresent())) {
          count++;
          if (first == null) {
            first = e;
          }
        }
      }
    } catch (YamlEngineException e) {
      if (first == null) {
        return Optional.empty(); // a syntax error: the composer reports it with its position
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    Origin at =
        first
            .getStartMark()
            .map(m -> new Origin(file, m.getLine() + 1, m.getColumn() + 1))
            .orElse(new Origin(file, 1, 1));
    String what =
        first instanceof AliasEvent a
            ? "alias '*" + a.getAlias().getValue() + "'"
            : "anchor '&" + ((NodeEvent) first).getAnchor().get().getValue() + "'";
    String more = count > 1 ? " (" + count + " anchors and aliases in this file)" : "";
    return Optional.of(
        Diagnostic.at(
            at,
            what + " is not allowed in manifests" + more,
            "write the values out instead of using anchors and aliases (&name / *name)"));
  }
}
