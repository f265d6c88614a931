package io.vulnsift.workflow;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a YAML tree against the record classes: known keys, required keys, node kinds, enum values
 * and string formats. It never stops at the first problem; everything it finds goes to {@link
 * Problems}, and it only descends into nodes of the right kind.
 */
final class TreeValidator {
  private final Problems problems;
  private final ScalarLocator locator;

  TreeValidator(Problems problems, ScalarLocator locator) {
    this.problems = problems;
    this.locator = locator;
  }

  void validateRecord(Class<?> type, YamlNode.Mapping m, String context) {
    List<String> allowed = Grammar.keys(type);
    for (YamlNode.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        problems.at(
            e,
            "unknown key '"
                + e.key()
                + "' in "
                + context
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
      }
    }
    for (RecordComponent rc : type.getRecordComponents()) {
      YamlNode.Entry e = m.entries().get(rc.getName());
      Required required = rc.getAnnotation(Required.class);
      if (e == null) {
        if (required != null) {
          problems.at(m, "missing required key '" + rc.getName() + "' in " + context);
        }
        continue;
      }
      Format format = rc.getAnnotation(Format.class);
      Check check =
          new Check(
              "'" + rc.getName() + "'",
              child(context, rc.getName()),
              format == null ? null : format.value(),
              required == null ? 0 : required.minItems());
      value(rc.getGenericType(), e.value(), check);
      maximum(rc.getAnnotation(Maximum.class), e.value(), check);
    }
    RequireOneOf oneOf = type.getAnnotation(RequireOneOf.class);
    if (oneOf != null && List.of(oneOf.value()).stream().noneMatch(m.entries()::containsKey)) {
      problems.at(m, context + " needs '" + String.join("' or '", oneOf.value()) + "'");
    }
  }

  private void maximum(Maximum max, YamlNode node, Check check) {
    if (max != null
        && node instanceof YamlNode.Scalar s
        && s.kind() == YamlNode.Scalar.Kind.NUMBER
        && s.text().matches("[0-9]{1,18}")
        && Long.parseLong(s.text()) > max.value()) {
      problems.at(node, check.label() + " is at most " + max.value() + ", not " + s.text());
    }
  }

  /** What is being checked: how to name it, where it sits, and its constraints. */
  private record Check(String label, String context, ValueFormat format, int minItems) {
    Check item() {
      return new Check("each item of " + label, context, format, 0);
    }
  }

  private void value(Type type, YamlNode node, Check check) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.NULL) {
      problems.at(node, check.label() + " has no value (expected " + expected(type) + ")");
      return;
    }
    Type element = Grammar.listElement(type);
    if (element != null) {
      if (!(node instanceof YamlNode.Sequence seq)) {
        wrongKind(type, node, check);
        return;
      }
      if (seq.items().size() < check.minItems()) {
        problems.at(node, check.label() + " needs at least " + check.minItems() + " item");
      }
      seq.items().forEach(item -> value(element, item, check.item()));
    } else if (Grammar.isMap(type)) {
      if (!(node instanceof YamlNode.Mapping m)) {
        wrongKind(type, node, check);
        return;
      }
      for (YamlNode.Entry e : m.entries().values()) {
        if (check.format() != null) {
          ValueFormat.Problem p = check.format().check(e.key());
          if (p != null) {
            problems.at(e, p.message());
          }
        }
        value(Grammar.mapValue(type), e.value(), new Check("'" + e.key() + "'", "", null, 0));
      }
    } else {
      classValue((Class<?>) type, node, check);
    }
  }

  private void classValue(Class<?> c, YamlNode node, Check check) {
    if (c.isRecord() || Grammar.isChoice(c)) {
      if (!(node instanceof YamlNode.Mapping m)) {
        wrongKind(c, node, check);
      } else if (c.isRecord()) {
        validateRecord(c, m, check.context());
      } else {
        choice(c, m);
      }
    } else if (c == Boolean.class) {
      if (!(node instanceof YamlNode.Scalar s
          && (s.kind() == YamlNode.Scalar.Kind.TRUE || s.kind() == YamlNode.Scalar.Kind.FALSE))) {
        wrongKind(c, node, check);
      }
    } else if (c == Integer.class) {
      if (!(node instanceof YamlNode.Scalar s
          && s.kind() == YamlNode.Scalar.Kind.NUMBER
          && s.text().matches("[1-9][0-9]{0,8}"))) {
        wrongKind(c, node, check);
      }
    } else if (!(node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING)) {
      wrongKind(c, node, check);
    } else if (c == Duration.class) {
      try {
        Durations.parse(s.text());
      } catch (IllegalArgumentException e) {
        problems.at(node, e.getMessage());
      }
    } else if (c.isEnum()) {
      List<String> names = Grammar.enumNames(c);
      if (!names.contains(s.text())) {
        problems.at(
            node,
            "unknown "
                + Grammar.kindName(c)
                + " '"
                + s.text()
                + "'"
                + ValueFormat.hint(s.text(), names)
                + " (known: "
                + String.join(", ", names)
                + ")");
      }
    } else if (check.format() != null) {
      ValueFormat.Problem p = check.format().check(s.text());
      if (p != null) {
        int[] at = locator.locate(s, p.line(), p.column());
        problems.add(at[0], at[1], p.message());
      }
    }
  }

  /** A step or an action: its {@code type} picks the record that validates the rest. */
  private void choice(Class<?> sealed, YamlNode.Mapping m) {
    String kind = Grammar.kindName(sealed);
    Map<String, Class<?>> choices = Grammar.choices(sealed);
    String known = " (known: " + String.join(", ", choices.keySet()) + ")";
    YamlNode type = m.get(Grammar.TYPE_KEY);
    if (type == null) {
      problems.at(m, "missing required key 'type' in " + kind + known);
      return;
    }
    if (!(type instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.STRING)) {
      problems.at(type, "'type' of a " + kind + " must be a string" + known);
      return;
    }
    Class<?> record = choices.get(s.text());
    if (record == null) {
      problems.at(
          type,
          "unknown "
              + kind
              + " type '"
              + s.text()
              + "'"
              + ValueFormat.hint(s.text(), new ArrayList<>(choices.keySet()))
              + known);
      return;
    }
    validateRecord(record, m, s.text() + " " + kind);
  }

  private void wrongKind(Type type, YamlNode node, Check check) {
    String message = check.label() + " must be " + expected(type) + ", not " + node.describe();
    if (node instanceof YamlNode.Scalar s && "a string".equals(expected(type))) {
      // YAML reads no, on, 12 or 1.0 as booleans and numbers; quoting keeps them text.
      message += "; quote it: \"" + s.text() + "\"";
    } else if (type instanceof Class<?> c
        && Grammar.isChoice(c)
        && node instanceof YamlNode.Scalar s
        && Grammar.choices(c).containsKey(s.text())) {
      message += "; write '- type: " + s.text() + "'";
    }
    problems.at(node, message);
  }

  static String expected(Type type) {
    if (Grammar.listElement(type) != null) {
      return "a list";
    } else if (Grammar.isMap(type)) {
      return "a mapping";
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord() || Grammar.isChoice(c)) {
      return "a mapping";
    } else if (c == Boolean.class) {
      return "true or false";
    } else if (c == Integer.class) {
      return "a whole number of at least 1";
    } else if (c == Duration.class) {
      return "a duration such as 3h or 7d";
    }
    return "a string";
  }

  /** Context of a nested key: {@code source.repositories}, {@code renotify of … step}. */
  private static String child(String context, String key) {
    if (context.equals("workflow")) {
      return key;
    }
    return context.contains(" ") ? key + " of " + context : context + "." + key;
  }
}
