package io.strata.planner.render;

/** Escaping for the pieces of GitHub-flavoured Markdown the renderer writes. */
final class MarkdownText {
  private MarkdownText() {}

  /** Plain text in a paragraph, list item or table cell: nothing in it becomes markup. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r' -> b.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '~' -> b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Inline code. In a table cell a {@code |} must still be escaped (GFM splits cells before code
   * spans); elsewhere it must not.
   */
  static String code(String s, boolean inTable) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String body = s.replace('\n', ' ').replace('\r', ' ');
    if (inTable) {
      body = body.replace("|", "\\|");
    }
    String tick = body.contains("`") ? "``" : "`";
    String pad = body.contains("`") ? " " : "";
    return tick + pad + body + pad + tick;
  }

  /** Text inside an HTML element such as {@code <summary>}. */
  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A code fence longer than any run of backticks in {@code content}. */
  static String fence(String content) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < content.length(); i++) {
      run = content.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
