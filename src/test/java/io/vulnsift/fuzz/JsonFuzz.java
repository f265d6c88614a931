package io.vulnsift.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of JSON input for the parsers' properties: random JSON built from a format's own
 * vocabulary (so that generated documents get past the first checks), and mutations of real
 * samples, either of their tree (a node replaced, removed, or given a sibling) or of their text
 * (cut, a range deleted or doubled, a token inserted).
 */
public final class JsonFuzz {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Structural tokens and oddities inserted by text mutations. */
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-", "1e999", "0x1", "NaN", "\u0000",
    "\uFEFF", "😀", "\n", "{\"a\":", "\"\":", "[[[[", "]]]]", "/*", "//",
  };

  private JsonFuzz() {}

  /** The vocabulary of a format: its field names and typical string values. */
  public record Vocabulary(List<String> keys, List<String> strings) {}

  public static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Arbitrary<String> strings(Vocabulary v) {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(v.strings())),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(12)),
        Tuple.of(1, Arbitraries.of("", " ", "sha256:", "sha256:" + "a".repeat(64), "1e99999999")));
  }

  static Arbitrary<JsonNode> leaves(Vocabulary v) {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(NODES.nullNode())),
        Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(
            2,
            Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.bigDecimals().ofScale(3).map(d -> (JsonNode) NODES.numberNode(d)))),
        Tuple.of(5, strings(v).map(NODES::textNode)));
  }

  /** Random JSON values, at most four levels deep, keys and strings mostly from the vocabulary. */
  public static Arbitrary<JsonNode> values(Vocabulary v) {
    return Arbitraries.recursive(
        () -> leaves(v),
        inner ->
            Arbitraries.oneOf(
                leaves(v),
                inner.list().ofMaxSize(4).map(JsonFuzz::array),
                Combinators.combine(Arbitraries.of(v.keys()), inner)
                    .as(Tuple::of)
                    .list()
                    .ofMaxSize(5)
                    .map(JsonFuzz::object)),
        0,
        4);
  }

  private static JsonNode object(List<Tuple.Tuple2<String, JsonNode>> entries) {
    ObjectNode o = NODES.objectNode();
    entries.forEach(e -> o.set(e.get1(), e.get2()));
    return o;
  }

  private static JsonNode array(List<JsonNode> items) {
    ArrayNode a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }

  /** What a tree mutation does at its chosen node. */
  public enum Edit {
    REPLACE,
    REMOVE,
    ADD_SIBLING,
    ADD_CHILD
  }

  /** One tree mutation: the node (by pre-order index, modulo the node count) and the edit. */
  public record TreeMutation(int at, Edit edit, String key, JsonNode value) {}

  /** One text mutation: positions modulo the text length. */
  public record TextMutation(int kind, int from, int length, String token) {}

  /** Real documents, each mutated one to three times in its tree and sometimes in its text. */
  public static Arbitrary<String> mutants(List<String> samples, Vocabulary v) {
    Arbitrary<TreeMutation> tree =
        Combinators.combine(
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.of(Edit.class),
                Arbitraries.of(v.keys()),
                values(v))
            .as(TreeMutation::new);
    Arbitrary<TextMutation> text =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.integers().between(0, 200),
                Arbitraries.oneOf(Arbitraries.of(TOKENS), strings(v)))
            .as(TextMutation::new);
    // text mutations mostly break the syntax, so only a quarter of the mutants get them
    Arbitrary<List<TextMutation>> textEdits =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(List.<TextMutation>of())),
            Tuple.of(1, text.list().ofMinSize(1).ofMaxSize(2)));
    return Combinators.combine(
            Arbitraries.of(samples), tree.list().ofMinSize(1).ofMaxSize(3), textEdits)
        .as(
            (sample, trees, texts) -> {
              JsonNode root = parse(sample);
              for (TreeMutation m : trees) {
                root = apply(root, m);
              }
              String out = root.toPrettyString();
              for (TextMutation m : texts) {
                out = apply(out, m);
              }
              return out;
            });
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Slot(JsonNode parent, String field, int index, JsonNode node) {}

  private static void slots(
      JsonNode parent, String field, int index, JsonNode node, List<Slot> out) {
    out.add(new Slot(parent, field, index, node));
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> slots(node, n, -1, node.get(n), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        slots(node, null, i, node.get(i), out);
      }
    }
  }

  static JsonNode apply(JsonNode root, TreeMutation m) {
    JsonNode copy = root.deepCopy();
    List<Slot> all = new ArrayList<>();
    slots(null, null, -1, copy, all);
    Slot s = all.get(m.at() % all.size());
    if (s.parent() == null) {
      return m.edit() == Edit.REPLACE ? m.value() : copy;
    }
    switch (m.edit()) {
      case REPLACE -> put(s, m.value());
      case REMOVE -> {
        if (s.parent() instanceof ObjectNode o) {
          o.remove(s.field());
        } else {
          ((ArrayNode) s.parent()).remove(s.index());
        }
      }
      case ADD_SIBLING -> {
        if (s.parent() instanceof ObjectNode o) {
          o.set(m.key(), m.value());
        } else {
          ((ArrayNode) s.parent()).insert(s.index(), s.node().deepCopy());
        }
      }
      case ADD_CHILD -> {
        if (s.node() instanceof ObjectNode o) {
          o.set(m.key(), m.value());
        } else if (s.node() instanceof ArrayNode a) {
          a.add(m.value());
        } else {
          put(s, m.value());
        }
      }
    }
    return copy;
  }

  private static void put(Slot s, JsonNode value) {
    if (s.parent() instanceof ObjectNode o) {
      o.set(s.field(), value);
    } else {
      ((ArrayNode) s.parent()).set(s.index(), value);
    }
  }

  /** Cut, delete a range, double a range, insert a token, or swap two ranges. */
  public static String apply(String text, TextMutation m) {
    if (text.isEmpty()) {
      return m.token();
    }
    int from = m.from() % text.length();
    int to = Math.min(text.length(), from + m.length());
    return switch (m.kind()) {
      case 0 -> text.substring(0, from);
      case 1 -> text.substring(0, from) + text.substring(to);
      case 2 -> text.substring(0, to) + text.substring(from, to) + text.substring(to);
      case 3 -> text.substring(0, from) + m.token() + text.substring(from);
      default -> {
        int other = (from * 7 + m.length()) % text.length();
        int a = Math.min(from, other);
        int b = Math.max(from, other);
        yield text.substring(0, a) + text.substring(b) + text.substring(a, b);
      }
    };
  }
}
