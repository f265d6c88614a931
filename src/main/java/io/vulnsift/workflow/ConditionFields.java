package io.vulnsift.workflow;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields a condition sees on {@code finding} and {@code runtime}, with their CEL types and how
 * to read them. Finding fields are derived from the record so a new model field is visible to
 * conditions without touching this class. Absent values read as the type's zero value ({@code ""},
 * {@code 0.0}, {@code 0}, {@code []}, the Unix epoch) because CEL has no optional struct fields and
 * a filter must never fail on a finding that lacks, say, a CVSS score.
 */
final class ConditionFields {

  record Field<T>(String name, CelType type, Function<T, Object> reader) {}

  private static final CelType STRINGS = ListType.create(SimpleType.STRING);

  static final Map<String, Field<Finding>> FINDING = findingFields();

  static final Map<String, Field<RuntimeContext>> RUNTIME =
      fields(
          new Field<>("running", SimpleType.BOOL, RuntimeContext::running),
          new Field<>("status", SimpleType.STRING, RuntimeContext::status),
          new Field<>("runningStages", STRINGS, RuntimeContext::runningStages),
          new Field<>("stages", STRINGS, RuntimeContext::stages),
          new Field<>("runningProducts", STRINGS, RuntimeContext::runningProducts),
          new Field<>("owners", STRINGS, RuntimeContext::owners),
          new Field<>("clusters", STRINGS, RuntimeContext::clusters),
          new Field<>("namespaces", STRINGS, RuntimeContext::namespaces),
          new Field<>("workloads", STRINGS, RuntimeContext::workloads));

  private ConditionFields() {}

  @SafeVarargs
  private static <T> Map<String, Field<T>> fields(Field<T>... fields) {
    Map<String, Field<T>> map = new LinkedHashMap<>();
    for (Field<T> f : fields) {
      map.put(f.name(), f);
    }
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Field<Finding>> findingFields() {
    Map<String, Field<Finding>> map = new LinkedHashMap<>();
    for (RecordComponent rc : Finding.class.getRecordComponents()) {
      Class<?> t = rc.getType();
      Method accessor = rc.getAccessor();
      Function<Object, Object> zero = zeroing(t);
      Function<Finding, Object> reader = f -> zero.apply(invoke(accessor, f));
      map.put(rc.getName(), new Field<>(rc.getName(), celType(t), reader));
    }
    return Collections.unmodifiableMap(map);
  }

  private static CelType celType(Class<?> t) {
    if (t == Double.class || t == double.class) {
      return SimpleType.DOUBLE;
    } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return SimpleType.INT;
    } else if (t == Boolean.class || t == boolean.class) {
      return SimpleType.BOOL;
    } else if (t == Instant.class) {
      return SimpleType.TIMESTAMP;
    } else if (List.class.isAssignableFrom(t)) {
      return STRINGS;
    }
    return SimpleType.STRING; // String and enums (by name)
  }

  /** Converts a Java value to what the CEL runtime expects, replacing null by the zero value. */
  private static Function<Object, Object> zeroing(Class<?> t) {
    if (t == Double.class || t == double.class) {
      return v -> v == null ? 0.0 : v;
    } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return v -> v == null ? 0L : ((Number) v).longValue();
    } else if (t == Boolean.class || t == boolean.class) {
      return v -> v != null && (Boolean) v;
    } else if (t == Instant.class) {
      return v -> v == null ? Instant.EPOCH : v;
    } else if (List.class.isAssignableFrom(t)) {
      return v -> v == null ? List.of() : v;
    } else if (t.isEnum()) {
      return v -> v == null ? "" : ((Enum<?>) v).name();
    }
    return v -> v == null ? "" : v.toString();
  }

  private static Object invoke(Method accessor, Object target) {
    try {
      return accessor.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor.getName(), e);
    }
  }
}
