package io.strata.simulator.state;

/**
 * A regular file on a simulated node (content as UTF-8 text; tools here only write text).
 * Immutable: a write replaces the entry, so the store tells a changed file by identity alone.
 */
public record FileEntry(String content, int mode) {}
