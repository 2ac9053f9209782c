package io.strata.reconciler.status;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The values a status file was rendered from, kept compact for the writer to remember until the
 * next cycle compares against them. A file's values are nested {@code LinkedHashMap}s and lists; at
 * 10,000 volumes the writer's memory of its last rendering retained 88 MB, most of it map entries
 * and tables, and 48 MB with this copy (heap dumps of the daemon). Each map becomes two arrays and
 * each list one, read only, with the same entries in the same order (nulls included, which {@code
 * Map.copyOf} refuses), so that they are {@code equals} to the maps and lists they were copied
 * from, either way round, and hash the same.
 */
final class CompactValues {
  private CompactValues() {}

  /**
   * A read-only copy of {@code value}, equal to it: maps and lists copied deeply, the rest kept.
   */
  static Object of(Object value) {
    if (value instanceof ArrayMap) {
      return value; // remembered from an earlier cycle and reused unchanged: compact already
    }
    if (value instanceof Map<?, ?> m) {
      Object[] keys = new Object[m.size()];
      Object[] values = new Object[m.size()];
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        keys[i] = e.getKey();
        values[i] = of(e.getValue());
        i++;
      }
      return new ArrayMap(keys, values);
    }
    if (value instanceof List<?> l) {
      Object[] items = new Object[l.size()];
      int i = 0;
      for (Object o : l) {
        items[i++] = of(o);
      }
      return Collections.unmodifiableList(Arrays.asList(items));
    }
    return value;
  }

  /** Entries in two arrays, in insertion order; lookups scan (status maps have a few keys). */
  private static final class ArrayMap extends AbstractMap<Object, Object> {
    private final Object[] keys;
    private final Object[] values;

    ArrayMap(Object[] keys, Object[] values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public Object get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
      for (int i = 0; i < keys.length; i++) {
        if (Objects.equals(keys[i], key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return keys.length;
        }

        @Override
        public Iterator<Map.Entry<Object, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<Object, Object> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
            }
          };
        }
      };
    }
  }
}
