package dev.jwtsecurity.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A small parsed JSON object: member names and values side by side in one array, in document order,
 * with names already known to be unique (the parser refuses duplicates). Read-only. Not API. Used
 * for objects of up to 16 members, which is every JOSE header and access-token claim set; it costs
 * one array instead of a hash table and a node per member, on every request. Larger objects are
 * {@link java.util.HashMap}s, so that lookups stay cheap whatever the input.
 */
public final class JsonObject extends AbstractMap<String, Object> {

  private final Object[] flat; // name0, value0, name1, value1, ...
  private final int size;

  JsonObject(Object[] flat, int size) {
    this.flat = flat;
    this.size = size;
  }

  private int indexOf(Object name) {
    for (int i = 0; i < 2 * size; i += 2) {
      // Names the parser knows are shared String constants, so the identity test usually answers.
      if (flat[i] == name || flat[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The name of the {@code i}th member, in document order. */
  public String nameAt(int i) {
    return (String) flat[2 * i];
  }

  /** The value of the {@code i}th member. */
  public Object valueAt(int i) {
    return flat[2 * i + 1];
  }

  @Override
  public Object get(Object name) {
    int i = indexOf(name);
    return i < 0 ? null : flat[i + 1];
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < size;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (i >= size) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, Object> e =
                new SimpleImmutableEntry<>((String) flat[2 * i], flat[2 * i + 1]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
