package io.strata.simulator.cmd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU-style option parsing as the real tools do it ({@code -L1g}, {@code --size=1g}, {@code -an}).
 */
public final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();

  /** An option: canonical name, whether it takes a value, its spellings ("-L", "--size"). */
  public record Opt(String canonical, boolean takesValue, List<String> names) {
    public static Opt flag(String canonical, String... names) {
      return new Opt(canonical, false, List.of(names));
    }

    public static Opt value(String canonical, String... names) {
      return new Opt(canonical, true, List.of(names));
    }
  }

  /** An option the tool does not know, or one missing its value. */
  public static final class BadArgs extends Exception {
    public BadArgs(String message) {
      super(message);
    }
  }

  private Args() {}

  public static Args parse(List<String> args, List<Opt> opts) throws BadArgs {
    Map<String, Opt> byName = new HashMap<>();
    for (Opt o : opts) {
      for (String n : o.names()) {
        byName.put(n, o);
      }
    }
    Args a = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        a.positionals.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        Opt o = byName.get(name);
        if (o == null) {
          throw new BadArgs("unrecognized option '" + arg + "'");
        }
        if (o.takesValue()) {
          if (eq >= 0) {
            a.add(o, arg.substring(eq + 1));
          } else if (i + 1 < args.size()) {
            a.add(o, args.get(++i));
          } else {
            throw new BadArgs("option '" + name + "' requires an argument");
          }
        } else if (eq >= 0) {
          throw new BadArgs("option '" + name + "' doesn't allow an argument");
        } else {
          a.add(o, "");
        }
      } else if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
        for (int c = 1; c < arg.length(); c++) {
          String name = "-" + arg.charAt(c);
          Opt o = byName.get(name);
          if (o == null) {
            throw new BadArgs("invalid option -- '" + arg.charAt(c) + "'");
          }
          if (o.takesValue()) {
            if (c + 1 < arg.length()) {
              a.add(o, arg.substring(c + 1));
            } else if (i + 1 < args.size()) {
              a.add(o, args.get(++i));
            } else {
              throw new BadArgs("option requires an argument -- '" + arg.charAt(c) + "'");
            }
            break;
          }
          a.add(o, "");
        }
      } else {
        a.positionals.add(arg);
      }
    }
    return a;
  }

  private static boolean isNumber(String s) {
    return s.length() > 1 && Character.isDigit(s.charAt(1));
  }

  private void add(Opt o, String value) {
    options.computeIfAbsent(o.canonical(), k -> new ArrayList<>()).add(value);
  }

  public boolean has(String canonical) {
    return options.containsKey(canonical);
  }

  /** The last value given for the option, or null. */
  public String value(String canonical) {
    List<String> v = options.get(canonical);
    return v == null ? null : v.get(v.size() - 1);
  }

  public List<String> values(String canonical) {
    return options.getOrDefault(canonical, List.of());
  }

  public List<String> positionals() {
    return positionals;
  }
}
