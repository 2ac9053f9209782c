package io.strata.executors.sim.state;

/** A regular file on a simulated node (content as UTF-8 text; tools here only write text). */
public final class FileEntry {
  public String content;
  public int mode;

  public FileEntry() {}

  public FileEntry(String content, int mode) {
    this.content = content;
    this.mode = mode;
  }
}
