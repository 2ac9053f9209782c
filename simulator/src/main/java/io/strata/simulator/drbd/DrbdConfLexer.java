package io.strata.simulator.drbd;

import io.strata.simulator.drbd.DrbdConf.ConfError;
import java.util.ArrayList;
import java.util.List;

/** Splits drbd.conf text into words, quoted strings, braces and semicolons, with line numbers. */
final class DrbdConfLexer {
  /** A token; {@code quoted} strings never count as punctuation. */
  record Tok(String text, int line, boolean quoted) {}

  private DrbdConfLexer() {}

  static List<Tok> tokens(String file, String s) throws ConfError {
    List<Tok> toks = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '{' || c == '}' || c == ';') {
        toks.add(new Tok(String.valueOf(c), line, false));
        i++;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        int start = line;
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          if (s.charAt(i) == '\n') {
            line++;
          }
          sb.append(s.charAt(i++));
        }
        if (i >= s.length()) {
          throw new ConfError(file + ":" + start + ": Parse error: unterminated string");
        }
        i++;
        toks.add(new Tok(sb.toString(), start, true));
      } else {
        int start = i;
        while (i < s.length()
            && !Character.isWhitespace(s.charAt(i))
            && "{};#\"".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        toks.add(new Tok(s.substring(start, i), line, false));
      }
    }
    return toks;
  }
}
