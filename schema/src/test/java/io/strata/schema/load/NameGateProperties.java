package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.fuzz.Fuzz;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Issue 12: names go into argv ({@code vg0/NAME_00000}), paths ({@code /etc/drbd.d/NAME.res}),
 * configfs directories and {@code .res} files, so the gate is the manifest itself: whatever a name
 * holds — shell and config metacharacters, {@code ..}, a leading {@code -}, look-alike Unicode — a
 * repository is accepted only when every name matches {@code ^[a-z][a-z0-9-]{0,46}$}. (The
 * renderers also quote or refuse on their own: {@code InjectionProperties} in executors.)
 */
class NameGateProperties {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,46}");

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abz09-").ofMinLength(1).ofMaxLength(50),
        Arbitraries.strings()
            .withChars("ab-_.:/\\\"'{};# \n$`()*?[]<>|&!~\u0430\u0131A")
            .ofMaxLength(20),
        Arbitraries.of("..", "-rf", "--force", "a/../b", "a;b", "a\nb", "web\u0000", "w\u0435b"));
  }

  @Fuzz(tries = 400)
  void onlyPlainNamesEnter(@ForAll("names") String name, @ForAll int kind) {
    String json =
        "\""
            + name.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\u0000", "\\0")
            + "\"";
    String yaml =
        switch (Math.floorMod(kind, 4)) {
          case 0 ->
              "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: "
                  + json
                  + "}\nspec: {size: 1 GiB, template: t}\n---\n"
                  + "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: t}\n"
                  + "spec: {layers: [storage], placement: {redundancy: 1}}\n";
          case 1 ->
              "apiVersion: strata.io/v1\nkind: Node\nmetadata: {name: "
                  + json
                  + "}\nspec: {address: 10.0.0.1, connection: {type: simulated}}\n";
          case 2 ->
              "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: "
                  + json
                  + "}\nspec: {layers: [storage], placement: {redundancy: 1}}\n";
          default ->
              "apiVersion: strata.io/v1\nkind: StoragePool\nmetadata: {name: "
                  + json
                  + "}\nspec: {node: n, provider: {type: lvm, volumeGroup: vg0}}\n"
                  + "---\napiVersion: strata.io/v1\nkind: Node\nmetadata: {name: n}\n"
                  + "spec: {address: 10.0.0.1, connection: {type: simulated}}\n";
        };
    LoadResult r = ManifestLoader.loadFiles(Map.of("m.yaml", yaml));
    if (!NAME.matcher(name).matches()) {
      assertTrue(r instanceof LoadResult.Invalid, "'" + name + "' must be refused");
    } else if (Math.floorMod(kind, 4) == 1) {
      assertTrue(r instanceof LoadResult.Valid, "a plain name loads (the gate is not shut): " + r);
    }
  }
}
