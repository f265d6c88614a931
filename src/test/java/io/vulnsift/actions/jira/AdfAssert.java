package io.vulnsift.actions.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Structural checks of the ADF subset the handler produces (doc → blocks → inline nodes). */
final class AdfAssert {

  private static final Set<String> BLOCKS = Set.of("paragraph", "bulletList");

  private AdfAssert() {}

  static void valid(JsonNode doc) {
    assertThat(doc.get("type").asText()).isEqualTo("doc");
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    for (JsonNode block : doc.get("content")) {
      assertThat(BLOCKS).contains(block.get("type").asText());
      if (block.get("type").asText().equals("bulletList")) {
        for (JsonNode item : block.get("content")) {
          assertThat(item.get("type").asText()).isEqualTo("listItem");
          item.get("content").forEach(AdfAssert::paragraph);
        }
      } else {
        paragraph(block);
      }
    }
  }

  private static void paragraph(JsonNode p) {
    assertThat(p.get("type").asText()).isEqualTo("paragraph");
    for (JsonNode inline : p.get("content")) {
      String type = inline.get("type").asText();
      assertThat(type).isIn("text", "hardBreak");
      if (type.equals("text")) {
        assertThat(inline.get("text").asText()).isNotEmpty();
      }
    }
  }

  static List<JsonNode> links(JsonNode doc) {
    List<JsonNode> out = new ArrayList<>();
    doc.findParents("marks").forEach(out::add);
    return out;
  }

  static int textLength(JsonNode doc) {
    return doc.findValues("text").stream().mapToInt(n -> n.asText().length()).sum();
  }
}
