package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts rendered plain text to an Atlassian Document Format document without interpreting any
 * markup: every character ends up inside a {@code text} node. The only structure derived from the
 * text is layout — blank lines separate paragraphs, line breaks inside a paragraph become {@code
 * hardBreak}s, a run of lines starting with {@code "- "} becomes a bullet list — and plain http(s)
 * URLs get a link mark whose target is exactly the visible text (so a link can never hide where it
 * goes).
 */
public final class Adf {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]");

  /** C0 controls other than tab and newline are not allowed in ADF text. */
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");

  private Adf() {}

  public static ObjectNode fromPlainText(String text) {
    ObjectNode doc = JSON.objectNode().put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    String clean = CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    List<String> paragraph = new ArrayList<>();
    ArrayNode list = null;
    for (String line : clean.split("\n", -1)) {
      if (line.startsWith("- ")) {
        flush(paragraph, content);
        if (list == null) {
          list = content.addObject().put("type", "bulletList").putArray("content");
        }
        ObjectNode item = list.addObject().put("type", "listItem");
        item.putArray("content").add(paragraph(List.of(line.substring(2))));
      } else if (line.isBlank()) {
        flush(paragraph, content);
        list = null;
      } else {
        list = null;
        paragraph.add(line);
      }
    }
    flush(paragraph, content);
    return doc;
  }

  private static void flush(List<String> lines, ArrayNode content) {
    if (!lines.isEmpty()) {
      content.add(paragraph(lines));
      lines.clear();
    }
  }

  /**
   * A paragraph of the given lines joined by hard breaks; ADF forbids empty text nodes and control
   * characters (stripped here too: callers such as a comment's note pass raw text).
   */
  static ObjectNode paragraph(List<String> lines) {
    ObjectNode p = JSON.objectNode().put("type", "paragraph");
    ArrayNode inline = p.putArray("content");
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        inline.addObject().put("type", "hardBreak");
      }
      addText(inline, CONTROL.matcher(lines.get(i)).replaceAll(""));
    }
    return p;
  }

  private static void addText(ArrayNode inline, String line) {
    Matcher m = URL.matcher(line);
    int at = 0;
    while (m.find()) {
      text(inline, line.substring(at, m.start()));
      ObjectNode link = inline.addObject().put("type", "text").put("text", m.group());
      link.putArray("marks")
          .addObject()
          .put("type", "link")
          .putObject("attrs")
          .put("href", m.group());
      at = m.end();
    }
    text(inline, line.substring(at));
  }

  private static void text(ArrayNode inline, String s) {
    if (!s.isEmpty()) {
      inline.addObject().put("type", "text").put("text", s);
    }
  }
}
