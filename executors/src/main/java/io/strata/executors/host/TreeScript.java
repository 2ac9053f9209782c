package io.strata.executors.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link Host#readTree} as one POSIX {@code sh} script (dash, bash and busybox ash; no {@code find
 * -printf}) and the strict parser of its output. Everything variable is a positional parameter:
 * {@code $1} root, {@code $2} depth, {@code $3} a random token, {@code $4} the byte limit plus one,
 * then the file name patterns.
 *
 * <p>Output: {@code <token> R} when the root is a directory, then one record per entry, parents
 * before children: {@code <token> <kind> <length> <path>} with the relative path's length in bytes
 * (so a name may hold a newline), kind {@code D} directory, {@code X} directory that cannot be
 * listed, {@code L} link, {@code S} skipped, {@code F} file, the last followed by the file's bytes
 * (at most the limit plus one, so a larger file shows as such without being sent whole), a newline
 * and {@code <token> E <exit code of head>}; finally {@code <token> Z}. The token is new for every
 * call, so a file cannot contain it by chance, and the closing record tells a complete answer from
 * a cut one.
 */
final class TreeScript {
  static final String SCRIPT =
      String.join(
          "\n",
          // ${#name} must count bytes: bash counts characters in a UTF-8 locale (SSH passes LANG)
          "LC_ALL=C",
          "export LC_ALL",
          "root=$1 max=$2 tok=$3 cap=$4",
          "shift 4",
          "pats=$*",
          "set -f",
          "rec() { printf '%s %s %s %s\\n' \"$tok\" \"$1\" \"${#2}\" \"$2\"; }",
          "want() {",
          "  for p in $pats; do case $1 in $p) return 0 ;; esac; done",
          "  return 1",
          "}",
          // d is global: each level adds one on entry and takes it back on exit (no `local`)
          "walk() {",
          "  d=$((d + 1))",
          "  set +f",
          "  set -- \"$1\"/* \"$1\"/.[!.]* \"$1\"/..?*",
          "  set -f",
          "  for f do",
          "    [ -e \"$f\" ] || [ -h \"$f\" ] || continue",
          "    r=${f#\"$root\"/}",
          "    if [ -h \"$f\" ]; then rec L \"$r\"",
          "    elif [ -d \"$f\" ]; then",
          "      if [ -r \"$f\" ] && [ -x \"$f\" ]; then",
          "        rec D \"$r\"",
          "        if [ \"$d\" -lt \"$max\" ]; then walk \"$f\"; fi",
          "      else rec X \"$r\"; fi",
          "    elif [ -f \"$f\" ] && want \"${f##*/}\"; then",
          "      rec F \"$r\"",
          "      head -c \"$cap\" -- \"$f\" 2>/dev/null",
          "      printf '\\n%s E %s\\n' \"$tok\" \"$?\"",
          "    else rec S \"$r\"; fi",
          "  done",
          "  d=$((d - 1))",
          "}",
          "if [ -d \"$root\" ]; then printf '%s R\\n' \"$tok\"; d=0; walk \"$root\"; fi",
          "printf '%s Z\\n' \"$tok\"",
          "");

  private static final SecureRandom RANDOM = new SecureRandom();

  private TreeScript() {}

  /** A fresh token: 128 random bits in hex. */
  static String token() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static List<String> argv(Path root, int maxDepth, String token, List<String> patterns) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh"));
    argv.addAll(
        List.of(
            root.toString(),
            String.valueOf(maxDepth),
            token,
            String.valueOf(FileTree.MAX_FILE_BYTES + 1)));
    argv.addAll(patterns);
    return argv;
  }

  /** Parses the script's output; throws {@link IllegalArgumentException} saying what is wrong. */
  static FileTree parse(byte[] out, String token, Path root, int maxDepth) {
    return new Parser(out, token, root, maxDepth).parse();
  }

  private static final class Parser {
    private final byte[] out;
    private final byte[] token;
    private final byte[] trailer;
    private final Path root;
    private final int maxDepth;
    private int pos;

    Parser(byte[] out, String token, Path root, int maxDepth) {
      this.out = out;
      this.token = (token + " ").getBytes(StandardCharsets.US_ASCII);
      this.trailer = ("\n" + token + " E ").getBytes(StandardCharsets.US_ASCII);
      this.root = root;
      this.maxDepth = maxDepth;
    }

    FileTree parse() {
      char first = recordKind();
      if (first == 'Z') {
        end();
        return FileTree.absent(root, maxDepth);
      }
      if (first != 'R') {
        throw garbled("expected the opening record");
      }
      newline();
      FileTree.Builder b = FileTree.builder(root, maxDepth);
      while (true) {
        char kind = recordKind();
        if (kind == 'Z') {
          end();
          return b.build();
        }
        if ("DXLSF".indexOf(kind) < 0) {
          throw garbled("unknown record kind '" + kind + "'");
        }
        expect((byte) ' ');
        int len = number((byte) ' ');
        if (len <= 0 || len > out.length - pos) {
          throw garbled("a path length of " + len + " bytes");
        }
        String rel = new String(out, pos, len, StandardCharsets.UTF_8);
        pos += len;
        newline();
        FileTree.Entry entry =
            switch (kind) {
              case 'D' -> new FileTree.Directory();
              case 'X' -> new FileTree.Unreadable("directory cannot be listed");
              case 'L' -> new FileTree.Symlink();
              case 'S' -> new FileTree.Skipped();
              default -> file();
            };
        try {
          b.add(rel, entry);
        } catch (IllegalArgumentException e) {
          throw garbled(e.getMessage());
        }
      }
    }

    private FileTree.Entry file() {
      int start = pos;
      int at = indexOf(trailer, start);
      if (at < 0) {
        throw garbled("a file's content has no end record");
      }
      byte[] content = Arrays.copyOfRange(out, start, at);
      pos = at + trailer.length;
      int rc = number((byte) '\n');
      if (rc != 0) {
        return new FileTree.Unreadable("read failed (head exited " + rc + ")");
      }
      return FileTree.tooLarge(content) ? FileTree.tooLargeEntry() : new FileTree.File(content);
    }

    /** Reads {@code <token> <kind>} and returns the kind. */
    private char recordKind() {
      if (out.length - pos < token.length + 1
          || !Arrays.equals(out, pos, pos + token.length, token, 0, token.length)) {
        throw garbled(pos == out.length ? "the answer ends early" : "expected a record");
      }
      pos += token.length;
      return (char) (out[pos++] & 0xff);
    }

    private void end() {
      newline();
      if (pos != out.length) {
        throw garbled("output after the closing record");
      }
    }

    private void newline() {
      expect((byte) '\n');
    }

    private void expect(byte b) {
      if (pos >= out.length || out[pos] != b) {
        throw garbled("expected " + (b == '\n' ? "a newline" : "'" + (char) b + "'"));
      }
      pos++;
    }

    /** A decimal number of at most 9 digits ended by {@code end}. */
    private int number(byte end) {
      int start = pos;
      int n = 0;
      while (pos < out.length && out[pos] >= '0' && out[pos] <= '9' && pos - start < 9) {
        n = n * 10 + (out[pos++] - '0');
      }
      if (pos == start) {
        throw garbled("expected a number");
      }
      expect(end);
      return n;
    }

    private int indexOf(byte[] needle, int from) {
      outer:
      for (int i = from; i <= out.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (out[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    private IllegalArgumentException garbled(String what) {
      return new IllegalArgumentException(what + " at byte " + pos + " of " + out.length);
    }
  }
}
