package io.vulnsift.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@link YamlNode} tree from Jackson's streaming YAML parser, which gives every token's
 * position. Duplicate keys are detected here (Jackson's tree model would silently keep the last
 * one), and every duplicate is reported, not just the first.
 */
final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final Pattern YAML12_BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");

  private final Problems problems;

  private YamlReader(Problems problems) {
    this.problems = problems;
  }

  /** The document's root node, or null when the text is empty or not valid YAML. */
  static YamlNode read(String text, Problems problems) {
    if (foreignLineBreaks(text, problems)) {
      return null;
    }
    return new YamlReader(problems).readDocument(text);
  }

  /**
   * NEL, LS and PS break lines for the YAML 1.1 parser underneath, but not for editors (nor for
   * YAML 1.2): every position after one would point at the wrong line, so they are refused up
   * front, each at its place as editors count lines.
   */
  private static boolean foreignLineBreaks(String text, Problems problems) {
    boolean found = false;
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      } else if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        problems.add(
            line,
            i - lineStart + 1,
            String.format(
                "invisible line break U+%04X: editors and YAML 1.2 do not break the line here,"
                    + " the YAML reader would; remove it",
                (int) c));
        found = true;
      }
    }
    return found;
  }

  private YamlNode readDocument(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.add(1, 1, "the file is empty; a workflow needs at least name, steps and actions");
        return null;
      }
      YamlNode root = readValue(p, first);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        problems.add(
            l.getLineNr(),
            l.getColumnNr(),
            "only one YAML document per workflow file (remove ---)");
      }
      return root;
    } catch (JsonProcessingException e) {
      ValidationError error = YamlSyntaxError.describe(e, text);
      problems.add(error.line(), error.column(), error.message());
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private YamlNode readValue(JsonParser p, JsonToken token) throws IOException {
    JsonLocation l = p.currentTokenLocation();
    int line = l.getLineNr();
    int column = l.getColumnNr();
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      problems.add(line, column, "YAML aliases (*" + p.getText() + ") are not supported here");
    }
    switch (token) {
      case START_OBJECT:
        return readMapping(p, line, column);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          items.add(readValue(p, t));
        }
        return new YamlNode.Sequence(items, line, column);
      case VALUE_STRING:
        return scalar(YamlNode.Scalar.Kind.STRING, p.getText(), line, column);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return scalar(YamlNode.Scalar.Kind.NUMBER, p.getText(), line, column);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return bool(token, p.getText(), line, column);
      default:
        return scalar(YamlNode.Scalar.Kind.NULL, null, line, column);
    }
  }

  private YamlNode.Mapping readMapping(JsonParser p, int line, int column) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      JsonLocation kl = p.currentTokenLocation();
      String key = p.currentName();
      YamlNode value = readValue(p, p.nextToken());
      YamlNode.Entry first = entries.get(key);
      if (first != null) {
        problems.add(
            kl.getLineNr(),
            kl.getColumnNr(),
            "duplicate key '" + key + "' (first defined at line " + first.line() + ")");
      } else {
        entries.put(key, new YamlNode.Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
      }
    }
    return new YamlNode.Mapping(entries, line, column);
  }

  /**
   * YAML 1.2 booleans only: Jackson follows YAML 1.1, where {@code no}, {@code on} or {@code y} are
   * booleans too, but editors and the JSON Schema read them as strings, and so do we.
   */
  private static YamlNode.Scalar bool(JsonToken token, String text, int line, int column) {
    if (!YAML12_BOOLEAN.matcher(text).matches()) {
      return scalar(YamlNode.Scalar.Kind.STRING, text, line, column);
    }
    YamlNode.Scalar.Kind kind =
        token == JsonToken.VALUE_TRUE ? YamlNode.Scalar.Kind.TRUE : YamlNode.Scalar.Kind.FALSE;
    return scalar(kind, text, line, column);
  }

  private static YamlNode.Scalar scalar(
      YamlNode.Scalar.Kind kind, String text, int line, int column) {
    return new YamlNode.Scalar(kind, text, line, column);
  }
}
