package io.strata.simulator.lvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code devices { filter=[…] global_filter=[…] }} of a {@code --config} string: a device is
 * visible when every filter list admits it (first matching pattern decides; none matching admits).
 */
final class LvmFilter {
  // a ']' inside a quoted pattern ('r|^/dev/sd[a-c]$|') does not end the list, as in lvm's parser
  private static final Pattern LIST =
      Pattern.compile("(global_filter|filter)\\s*=\\s*\\[((?:[^\\]'\"]|'[^']*'|\"[^\"]*\")*)\\]");
  private static final Pattern ITEM = Pattern.compile("\\s*(['\"])(.*?)\\1\\s*,?");

  private record Rule(boolean accept, Pattern regex) {}

  private final List<List<Rule>> lists;

  private LvmFilter(List<List<Rule>> lists) {
    this.lists = lists;
  }

  static LvmFilter none() {
    return new LvmFilter(List.of());
  }

  static LvmFilter parse(String config) throws LvmError {
    if (config == null) {
      return none();
    }
    long braces = config.chars().filter(c -> c == '{').count();
    if (braces != config.chars().filter(c -> c == '}').count()) {
      throw LvmError.badArgs(
          "Parse error at byte "
              + config.length()
              + " (line 1): unexpected token\n  Failed to set overridden configuration entries.");
    }
    List<List<Rule>> lists = new ArrayList<>();
    Matcher m = LIST.matcher(config);
    while (m.find()) {
      String body = m.group(2).trim();
      List<Rule> rules = new ArrayList<>();
      int pos = 0;
      Matcher im = ITEM.matcher(body);
      while (pos < body.length()) {
        if (!im.find(pos) || im.start() != pos) {
          throw parseError(m.start(2) + pos);
        }
        rules.add(rule(im.group(2), m.start(2) + pos));
        pos = im.end();
      }
      lists.add(rules);
    }
    return new LvmFilter(lists);
  }

  private static Rule rule(String item, int at) throws LvmError {
    if (item.length() < 3 || (item.charAt(0) != 'a' && item.charAt(0) != 'r')) {
      throw LvmError.badArgs(
          "Invalid filter pattern \""
              + item
              + "\".\n  Failed to set overridden configuration entries.");
    }
    char delim = item.charAt(1);
    int end = item.lastIndexOf(delim);
    if (end <= 1) {
      throw LvmError.badArgs(
          "Invalid separator at end of regex.\n  Failed to set overridden configuration entries.");
    }
    try {
      return new Rule(item.charAt(0) == 'a', Pattern.compile(item.substring(2, end)));
    } catch (PatternSyntaxException e) {
      throw parseError(at);
    }
  }

  private static LvmError parseError(int at) {
    return LvmError.badArgs(
        "Parse error at byte "
            + at
            + " (line 1): expected a value\n  Failed to set overridden configuration entries.");
  }

  boolean admits(String device) {
    for (List<Rule> rules : lists) {
      for (Rule r : rules) {
        if (r.regex().matcher(device).find()) {
          if (!r.accept()) {
            return false;
          }
          break;
        }
      }
    }
    return true;
  }
}
