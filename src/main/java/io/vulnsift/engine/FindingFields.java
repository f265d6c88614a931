package io.vulnsift.engine;

import io.vulnsift.model.Finding;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Reads a {@link Finding} field by its name, as group keys name them in workflows. */
final class FindingFields {
  private static final Map<String, Function<Finding, String>> READERS = readers();

  private FindingFields() {}

  /** A reader for the named field; the loader has already rejected unknown names. */
  static Function<Finding, String> reader(String field) {
    Function<Finding, String> reader = READERS.get(field);
    if (reader == null) {
      throw new IllegalArgumentException("no finding field named '" + field + "'");
    }
    return reader;
  }

  private static Map<String, Function<Finding, String>> readers() {
    Map<String, Function<Finding, String>> map = new LinkedHashMap<>();
    for (RecordComponent c : Finding.class.getRecordComponents()) {
      Method accessor = c.getAccessor();
      map.put(
          c.getName(),
          f -> {
            try {
              Object value = accessor.invoke(f);
              return value == null ? "" : value.toString();
            } catch (IllegalAccessException | InvocationTargetException e) {
              throw new IllegalStateException(e);
            }
          });
    }
    return Map.copyOf(map);
  }
}
