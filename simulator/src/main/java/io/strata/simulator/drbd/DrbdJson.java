package io.strata.simulator.drbd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Prints JSON the way drbdsetup does: two-space indents, {@code } ]} closers, 2-decimal floats. */
final class DrbdJson {
  private DrbdJson() {}

  static BigDecimal pct(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }

  static String resources(List<Map<String, Object>> resources) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < resources.size(); i++) {
      object(sb, resources.get(i), 0);
      sb.append(i + 1 < resources.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  private static void object(StringBuilder sb, Map<String, Object> m, int indent) {
    String pad = " ".repeat(indent);
    sb.append(pad).append("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      sb.append(pad).append("  \"").append(e.getKey()).append("\": ");
      value(sb, e.getValue(), indent + 2);
      sb.append(++i < m.size() ? ",\n" : "\n");
    }
    sb.append(pad).append('}');
  }

  @SuppressWarnings("unchecked")
  private static void value(StringBuilder sb, Object v, int indent) {
    if (v instanceof String s) {
      sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[ ]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        object(sb, (Map<String, Object>) l.get(i), indent + 2);
        sb.append(i + 1 < l.size() ? ",\n" : "");
      }
      sb.append(" ]");
    } else if (v instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else {
      sb.append(v);
    }
  }
}
