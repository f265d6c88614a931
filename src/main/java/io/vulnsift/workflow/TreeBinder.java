package io.vulnsift.workflow;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a validated tree to the records through their canonical constructors, so the records'
 * compact constructors apply the defaults exactly as they would for any other caller. Only called
 * after {@link TreeValidator} found nothing, so it assumes the tree has the right shape.
 */
final class TreeBinder {
  private TreeBinder() {}

  static <T> T bind(Class<T> type, YamlNode node) {
    return type.cast(value(type, node));
  }

  private static Object value(Type type, YamlNode node) {
    if (node == null) {
      return null;
    }
    Type element = Grammar.listElement(type);
    if (element != null) {
      List<Object> list = new ArrayList<>();
      ((YamlNode.Sequence) node).items().forEach(item -> list.add(value(element, item)));
      return list;
    }
    if (Grammar.isMap(type)) {
      Map<String, Object> map = new LinkedHashMap<>();
      ((YamlNode.Mapping) node)
          .entries()
          .forEach((k, e) -> map.put(k, value(Grammar.mapValue(type), e.value())));
      return map;
    }
    Class<?> c = (Class<?>) type;
    if (Grammar.isChoice(c)) {
      String name = ((YamlNode.Scalar) ((YamlNode.Mapping) node).get(Grammar.TYPE_KEY)).text();
      return record(Grammar.choices(c).get(name), (YamlNode.Mapping) node);
    } else if (c.isRecord()) {
      return record(c, (YamlNode.Mapping) node);
    }
    YamlNode.Scalar scalar = (YamlNode.Scalar) node;
    String text = scalar.text();
    if (c == Boolean.class) {
      return scalar.kind() == YamlNode.Scalar.Kind.TRUE;
    } else if (c == Integer.class) {
      return Integer.valueOf(text);
    } else if (c == Duration.class) {
      return Durations.parse(text);
    } else if (c.isEnum()) {
      return Grammar.enumValue(c, text);
    }
    return text;
  }

  private static Object record(Class<?> type, YamlNode.Mapping m) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = value(components[i].getGenericType(), m.get(components[i].getName()));
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }
}
