package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Per-layer options match the stack: options for a layer that is not in the stack are an error (a
 * forgotten layer, or a stale block); luks requires a passphrase reference of the form {@code
 * file:/absolute/path} or {@code env:NAME} — never the passphrase itself; drbd quorum is a value
 * DRBD accepts.
 */
public final class LayerOptionsCheck implements Check {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern QUORUM = Pattern.compile("off|majority|all|[1-9][0-9]?");
  static final String NEVER_IN_GIT = "never put a passphrase in Git; use file:… or env:…";

  @Override
  public List<Diagnostic> check(Manifests m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<ResourceTemplate> t : m.templates()) {
      JsonNode spec = t.doc().root().path("spec");
      ResourceTemplate tpl = t.model();
      for (Layer l : List.of(Layer.DRBD, Layer.LUKS, Layer.NVME)) {
        if (spec.has(l.yamlName()) && !tpl.has(l)) {
          out.add(
              Diagnostic.at(
                  t.at("/spec/" + l.yamlName()),
                  "options for layer '"
                      + l.yamlName()
                      + "' but the stack "
                      + LayerStackCheck.stack(tpl.layers())
                      + " has no "
                      + l.yamlName()
                      + " layer",
                  "remove spec." + l.yamlName() + " or add " + l.yamlName() + " to layers"));
        }
      }
      JsonNode ref = spec.path("luks").path("passphraseRef");
      if (tpl.has(Layer.LUKS) && ref.isMissingNode()) {
        out.add(
            Diagnostic.at(
                t.at(spec.has("luks") ? "/spec/luks" : "/spec/layers"),
                "layer luks needs spec.luks.passphraseRef",
                "set passphraseRef: file:/absolute/path or env:NAME (" + NEVER_IN_GIT + ")"));
      } else if (ref.isString()) {
        passphraseRef(t, ref.asString(), out);
      }
      JsonNode quorum = spec.path("drbd").path("quorum");
      if (!quorum.isMissingNode() && !QUORUM.matcher(quorum.asString()).matches()) {
        out.add(
            Diagnostic.at(
                t.valueAt("/spec/drbd/quorum"),
                "spec.drbd.quorum '" + quorum.asString() + "' is not a DRBD quorum setting",
                "use off, majority, all or a number of nodes"));
      }
    }
    return out;
  }

  private static void passphraseRef(Manifest<?> t, String ref, List<Diagnostic> out) {
    String at = "/spec/luks/passphraseRef";
    if (ref.startsWith("file:")) {
      String path = ref.substring(5);
      if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")) {
        out.add(
            Diagnostic.at(
                t.valueAt(at),
                "passphraseRef '" + ref + "' must name an absolute path",
                "write file:/etc/strata/keys/<name>"));
      }
    } else if (ref.startsWith("env:")) {
      if (!ENV_NAME.matcher(ref.substring(4)).matches()) {
        out.add(
            Diagnostic.at(
                t.valueAt(at),
                "passphraseRef '" + ref + "' does not name an environment variable",
                "write env:NAME with letters, digits and '_'"));
      }
    } else {
      // Do not echo the value: it may well be the passphrase itself.
      out.add(
          Diagnostic.at(
              t.valueAt(at), "passphraseRef is not a file: or env: reference", NEVER_IN_GIT));
    }
  }
}
