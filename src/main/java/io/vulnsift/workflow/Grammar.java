package io.vulnsift.workflow;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workflow language as the record classes define it: keys are record components, a sealed
 * interface is a choice discriminated by {@code type} (the permitted record's name in kebab case),
 * enums are written by their {@code yamlName()}. Validator, binder and schema generator all read
 * the language from here, so they cannot drift apart.
 */
final class Grammar {
  static final String TYPE_KEY = "type";

  private Grammar() {}

  /** {@code SuppressReported} → {@code suppress-reported}. */
  static String typeName(Class<?> permitted) {
    return permitted
        .getSimpleName()
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }

  /** How messages name an item of a sealed interface: {@code step}, {@code action}. */
  static String kindName(Class<?> type) {
    return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  static boolean isChoice(Class<?> c) {
    return c.isInterface() && c.isSealed();
  }

  /** Type name → record class, in {@code permits} order. */
  static Map<String, Class<?>> choices(Class<?> sealed) {
    Map<String, Class<?>> map = new LinkedHashMap<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      map.put(typeName(c), c);
    }
    return map;
  }

  /** The keys a mapping for this record may have, in declaration order. */
  static List<String> keys(Class<?> record) {
    List<String> keys = new ArrayList<>();
    if (isChoiceMember(record)) {
      keys.add(TYPE_KEY);
    }
    for (RecordComponent rc : record.getRecordComponents()) {
      keys.add(rc.getName());
    }
    return keys;
  }

  static boolean isChoiceMember(Class<?> record) {
    for (Class<?> i : record.getInterfaces()) {
      if (isChoice(i)) {
        return true;
      }
    }
    return false;
  }

  /** How the YAML spells each constant: {@code yamlName()} when the enum has one. */
  static List<String> enumNames(Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      names.add(enumName((Enum<?>) constant));
    }
    return names;
  }

  static Object enumValue(Class<?> enumType, String name) {
    for (Object constant : enumType.getEnumConstants()) {
      if (enumName((Enum<?>) constant).equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static String enumName(Enum<?> constant) {
    try {
      Method m = constant.getDeclaringClass().getMethod("yamlName");
      return (String) m.invoke(constant);
    } catch (ReflectiveOperationException e) {
      return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The element type of {@code List<X>}, or null when the type is not a list. */
  static Type listElement(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return p.getActualTypeArguments()[0];
    }
    return null;
  }

  static boolean isMap(Type type) {
    return type instanceof ParameterizedType p && p.getRawType() == Map.class;
  }

  /** Map values are strings in this language (e.g. Jira priorities). */
  static Type mapValue(Type type) {
    return ((ParameterizedType) type).getActualTypeArguments()[1];
  }
}
