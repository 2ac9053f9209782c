package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Size;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A volume's size is a positive number of bytes or a number with a known unit (§4). */
public final class SizeCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<Volume> v : m.volumes()) {
      JsonNode size = v.doc().root().path("spec").path("size");
      String problem = problem(size);
      if (problem != null) {
        out.add(
            Diagnostic.at(
                v.valueAt("/spec/size"),
                "spec.size: " + problem,
                "write a positive size such as 10 GiB, 1.5TiB, 500MB or a byte count"));
      }
    }
    return out;
  }

  private static String problem(JsonNode size) {
    try {
      if (size.isIntegralNumber()) {
        if (!size.canConvertToLong()) {
          return "size " + size + " is larger than 8 EiB";
        }
        Size.ofBytes(size.longValue());
      } else {
        Size.parse(size.asString());
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
