package io.vulnsift.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;

/**
 * Reads a record's defaults by constructing it with every component null: the compact constructors
 * are the single source of the defaults, and the schema shows what they produce.
 */
final class Defaults {
  private Defaults() {}

  static Object of(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Adds {@code "default"} for scalar and list-of-string defaults; nested records are skipped. */
  static void put(ObjectNode property, Object defaults, RecordComponent rc) {
    if (defaults == null) {
      return;
    }
    Object value;
    try {
      value = rc.getAccessor().invoke(defaults);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return;
    }
    if (value instanceof String s) {
      property.put("default", s);
    } else if (value instanceof Boolean b) {
      property.put("default", b);
    } else if (value instanceof Duration d) {
      property.put("default", Durations.format(d));
    } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      ArrayNode array = property.putArray("default");
      list.forEach(v -> array.add((String) v));
    }
  }
}
