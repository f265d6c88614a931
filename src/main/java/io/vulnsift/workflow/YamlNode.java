package io.vulnsift.workflow;

import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written (1-based line and column), so validation errors
 * can point at it. Deliberately tiny: workflow files only need mappings, lists and scalars.
 */
sealed interface YamlNode {
  int line();

  int column();

  /** How an error message names this kind of node: "a mapping", "a string", … */
  String describe();

  /** A mapping; keys keep file order, duplicates are already reported and dropped. */
  record Mapping(Map<String, Entry> entries, int line, int column) implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    YamlNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping, with the key's own position. */
  record Entry(String key, int line, int column, YamlNode value) {}

  record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar; {@code kind} is how YAML typed it ({@code no} is FALSE), {@code text} is what the
   * file says, null for null.
   */
  record Scalar(Kind kind, String text, int line, int column) implements YamlNode {
    enum Kind {
      STRING,
      NUMBER,
      TRUE,
      FALSE,
      NULL
    }

    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "a string";
        case NUMBER -> "a number (" + text + ")";
        case TRUE, FALSE -> "a boolean (" + text + ")";
        case NULL -> "empty";
      };
    }
  }
}
