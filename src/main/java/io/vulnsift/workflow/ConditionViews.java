package io.vulnsift.workflow;

import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Read-only map views of a finding and its runtime context, as CEL activations. CEL selects a field
 * on a map with {@code containsKey}/{@code get}, so a view computes only the fields an expression
 * actually reads, instead of copying 22 finding fields per evaluation.
 */
final class ConditionViews {

  private ConditionViews() {}

  static Map<String, Object> of(Finding finding) {
    return new View<>(finding, ConditionFields.FINDING, false);
  }

  /** Runtime fields are computed from the inventory records, so they are memoized per view. */
  static Map<String, Object> of(RuntimeContext runtime) {
    return new View<>(
        runtime == null ? RuntimeContext.NONE : runtime, ConditionFields.RUNTIME, true);
  }

  private static final class View<T> extends AbstractMap<String, Object> {
    private final T target;
    private final Map<String, ConditionFields.Field<T>> fields;
    private final boolean memoize;
    private Map<String, Object> memo; // created on first use: most conditions read one field

    View(T target, Map<String, ConditionFields.Field<T>> fields, boolean memoize) {
      this.target = target;
      this.fields = fields;
      this.memoize = memoize;
    }

    @Override
    public boolean containsKey(Object key) {
      return fields.containsKey(key);
    }

    @Override
    public Object get(Object key) {
      if (memo != null) {
        Object cached = memo.get(key);
        if (cached != null) {
          return cached;
        }
      }
      ConditionFields.Field<T> field = fields.get(key);
      if (field == null) {
        return null;
      }
      Object value = field.reader().apply(target);
      if (memoize) {
        if (memo == null) {
          memo = new HashMap<>(4);
        }
        memo.put((String) key, value);
      }
      return value;
    }

    /** Only for printing a whole variable (e.g. a condition that is just {@code finding}). */
    @Override
    public Set<Entry<String, Object>> entrySet() {
      Map<String, Object> copy = new java.util.LinkedHashMap<>();
      fields.keySet().forEach(k -> copy.put(k, get(k)));
      return copy.entrySet();
    }
  }
}
