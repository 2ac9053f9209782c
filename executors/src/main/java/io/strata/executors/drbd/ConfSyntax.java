package io.strata.executors.drbd;

import java.util.ArrayList;
import java.util.List;

/**
 * The drbd.conf grammar in its simplest form: a statement is words ended by {@code ;} or followed
 * by a {@code { block }}. {@code #} starts a comment; double-quoted strings keep spaces.
 */
final class ConfSyntax {
  /** One statement; {@code block} is null for {@code words ;}. */
  record Stmt(List<String> words, List<Stmt> block) {
    String word(int i) {
      return i < words.size() ? words.get(i) : "";
    }

    String key() {
      return word(0);
    }
  }

  private final String text;
  private int pos;

  /** Whether the last token was a quoted string (so "{" in quotes is a word, not a brace). */
  private boolean quoted;

  private ConfSyntax(String text) {
    this.text = text;
  }

  static List<Stmt> parse(String text) {
    ConfSyntax p = new ConfSyntax(text);
    List<Stmt> top = p.block(false);
    return top;
  }

  private List<Stmt> block(boolean nested) {
    List<Stmt> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    while (true) {
      String t = next();
      if (t == null) {
        if (nested || !words.isEmpty()) {
          throw new IllegalArgumentException("resource file ends inside a section (missing '}')");
        }
        return out;
      }
      switch (quoted ? "" : t) {
        case "{" -> {
          out.add(new Stmt(List.copyOf(words), block(true)));
          words.clear();
        }
        case "}" -> {
          if (!nested) {
            throw new IllegalArgumentException("unbalanced '}' at offset " + pos);
          }
          if (!words.isEmpty()) {
            throw new IllegalArgumentException(
                "missing ';' after '" + String.join(" ", words) + "'");
          }
          return out;
        }
        case ";" -> {
          out.add(new Stmt(List.copyOf(words), null));
          words.clear();
        }
        default -> words.add(t);
      }
    }
  }

  /** The next token, a quoted string without its quotes, or null at the end. */
  private String next() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        break;
      }
    }
    if (pos >= text.length()) {
      return null;
    }
    char c = text.charAt(pos);
    quoted = c == '"';
    switch (c) {
      case '{' -> {
        pos++;
        return "{";
      }
      case '}' -> {
        pos++;
        return "}";
      }
      case ';' -> {
        pos++;
        return ";";
      }
      default -> {}
    }
    if (c == '"') {
      return quotedString();
    }
    // a word is a slice of the text: observing a node parses every resource file it holds
    int start = pos;
    while (pos < text.length()) {
      char d = text.charAt(pos);
      if (Character.isWhitespace(d) || d == '{' || d == '}' || d == ';' || d == '"' || d == '#') {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  private String quotedString() {
    int start = ++pos;
    int end = start;
    while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\\') {
      end++;
    }
    if (end < text.length() && text.charAt(end) == '"') {
      pos = end + 1;
      return text.substring(start, end); // no escapes: a slice
    }
    StringBuilder b = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != '"') {
      char d = text.charAt(pos++);
      if (d == '\\' && pos < text.length()) {
        d = text.charAt(pos++);
      }
      b.append(d);
    }
    if (pos >= text.length()) {
      throw new IllegalArgumentException("unterminated quoted string in resource file");
    }
    pos++;
    return b.toString();
  }
}
