package io.strata.simulator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state files' cache: remembered by digest, re-parsed only for new bytes, strings shared. */
class StateFilesTest {
  public record Sample(String path, List<String> peers) {}

  @TempDir Path dir;

  /** Another process's write: a new inode, so the file is read again. */
  private void writeAsAnotherProcess(String file, String json) throws Exception {
    Path tmp = dir.resolve(file + ".other");
    Files.writeString(tmp, json);
    Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aFileRewrittenWithTheSameBytesKeepsItsParsedForm() throws Exception {
    StateFiles files = new StateFiles(dir);
    String json = "{\"path\":\"/dev/vg0/a\",\"peers\":[\"n1\"]}";
    writeAsAnotherProcess("a.json", json);
    Sample first = files.load("a.json", Sample.class).orElseThrow();
    writeAsAnotherProcess("a.json", json);
    assertSame(first, files.load("a.json", Sample.class).orElseThrow());
  }

  @Test
  void aFileRewrittenWithOtherBytesIsParsedAgain() throws Exception {
    StateFiles files = new StateFiles(dir);
    writeAsAnotherProcess("a.json", "{\"path\":\"/dev/vg0/a\",\"peers\":[]}");
    Sample first = files.load("a.json", Sample.class).orElseThrow();
    // the same length: only the digest of the bytes tells the change
    writeAsAnotherProcess("a.json", "{\"path\":\"/dev/vg0/b\",\"peers\":[]}");
    Sample second = files.load("a.json", Sample.class).orElseThrow();
    assertNotSame(first, second);
    assertEquals("/dev/vg0/b", second.path());
  }

  @Test
  void storingWhatTheFileHoldsWritesNothing() throws Exception {
    StateFiles files = new StateFiles(dir);
    files.store("a.json", new Sample("/dev/vg0/a", List.of("n1")));
    Object inode = Files.readAttributes(dir.resolve("a.json"), BasicFileAttributes.class).fileKey();
    Sample equal = new Sample("/dev/vg0/a", List.of("n1"));
    files.store("a.json", equal);
    assertEquals(
        inode, Files.readAttributes(dir.resolve("a.json"), BasicFileAttributes.class).fileKey());
    assertTrue(files.changed("a.json", new Sample("/dev/vg0/b", List.of("n1"))));
    files.store("a.json", new Sample("/dev/vg0/b", List.of("n1")));
    assertEquals("/dev/vg0/b", files.load("a.json", Sample.class).orElseThrow().path());
  }

  @Test
  void equalStringsOfDifferentFilesAreOneObject() throws Exception {
    StateFiles files = new StateFiles(dir);
    writeAsAnotherProcess("a.json", "{\"path\":\"/dev/drbd1000\",\"peers\":[\"10.0.0.1:7000\"]}");
    writeAsAnotherProcess("b.json", "{\"path\":\"/dev/drbd1000\",\"peers\":[\"10.0.0.1:7000\"]}");
    Sample a = files.load("a.json", Sample.class).orElseThrow();
    Sample b = files.load("b.json", Sample.class).orElseThrow();
    assertSame(a.path(), b.path());
    assertSame(a.peers().get(0), b.peers().get(0));
  }
}
