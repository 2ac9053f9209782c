package io.strata.reconciler.web;

/** HTML escaping for text and attribute values: every user-controlled string goes through it. */
final class Html {
  private Html() {}

  static String esc(Object o) {
    if (o == null) {
      return "";
    }
    String s = o.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
