package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Size;
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
  public List<Diagnostic> check(ManifestSet m) {
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
      pbkdf(t, spec.path("luks").path("pbkdf"), out);
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

  /**
   * cryptsetup's own limits, so that a template it would refuse fails validation: argon2 memory
   * from 32 KiB to 4 GiB and only for argon2; time and iterations exclude each other; pbkdf2 needs
   * at least 1000 iterations.
   */
  private static void pbkdf(Manifest<?> t, JsonNode p, List<Diagnostic> out) {
    if (!p.isObject()) {
      return;
    }
    String at = "/spec/luks/pbkdf";
    boolean pbkdf2 = "pbkdf2".equals(p.path("type").asString(""));
    JsonNode memory = p.path("memory");
    if (!memory.isMissingNode()) {
      long kib = kib(memory);
      if (pbkdf2) {
        out.add(
            Diagnostic.at(
                t.at(at + "/memory"),
                "pbkdf.memory applies to argon2 only, not pbkdf2",
                "remove memory, or use type: argon2id"));
      } else if (kib < 32 || kib > 4L * 1024 * 1024) {
        out.add(
            Diagnostic.at(
                t.valueAt(at + "/memory"),
                "pbkdf.memory must be a size from 32 KiB to 4 GiB",
                "write e.g. memory: 64 MiB"));
      }
    }
    if (p.has("time") && p.has("iterations")) {
      out.add(
          Diagnostic.at(
              t.at(at),
              "pbkdf.time and pbkdf.iterations exclude each other",
              "keep time (cryptsetup benchmarks) or iterations (a fixed cost), not both"));
    }
    if (pbkdf2 && p.path("iterations").isIntegralNumber() && p.path("iterations").asInt() < 1000) {
      out.add(
          Diagnostic.at(
              t.valueAt(at + "/iterations"),
              "pbkdf2 needs at least 1000 iterations",
              "write iterations: 1000 or more"));
    }
  }

  /** KiB of a size value, or -1 when it is not a size. */
  private static long kib(JsonNode n) {
    try {
      long bytes = n.isIntegralNumber() ? n.longValue() : Size.parse(n.asString()).bytes();
      return bytes <= 0 ? -1 : (bytes + 1023) / 1024;
    } catch (IllegalArgumentException e) {
      return -1;
    }
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
