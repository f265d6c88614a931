package io.vulnsift.actions.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vulnsift.actions.HostileAlerts;
import io.vulnsift.actions.HostileText;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.FollowUp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text scanners and clusters put into an alert, the Jira issue vulnsift creates (and the
 * comments it leaves) show it literally: in Data Center wiki markup no scanner character becomes
 * markup (no mention, no macro, no hidden link); in Cloud ADF it is only text, links point exactly
 * where their text says; and every field keeps within Jira's limits.
 */
class JiraTextProperties {

  static final String WIKI_SPECIAL = "{}[]|*_-+^~?!#";
  static final Pattern WIKI_BLOCK =
      Pattern.compile("^\\s*(?:h[1-6]|bq|fn\\d*)\\.", Pattern.CASE_INSENSITIVE);
  static final Pattern WIKI_LINK = Pattern.compile("\\[(https?://[^\\]\\[|\\s]+)\\]");
  static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");

  @Provide
  Arbitrary<Alert> alerts() {
    return HostileAlerts.alerts();
  }

  /** Templates of the shape authors write; null is the built-in one. */
  @Provide
  Arbitrary<String> descriptions() {
    return Arbitraries.of(
        null,
        "{{ finding.description }}",
        "{{ finding.title }}\n\n{{ finding.uri | link }}\n{{ finding.repository }}",
        "h2. {{ finding.vulnerabilityId }}\n{% for w in workloads %}- {{ w.path }}\n{% endfor %}");
  }

  @Property(tries = 100)
  void dataCenterIssuesShowScannerTextLiterally(
      @ForAll("alerts") Alert alert, @ForAll("descriptions") String description) {
    JsonNode fields =
        new JiraActionHandler(JiraPlanTest.DC)
            .plan(JiraPlanTest.action(List.of("ecr scan"), null, description), alert)
            .payload()
            .get("fields");
    assertSummary(fields.get("summary").asText());
    String wiki = fields.get("description").asText();
    assertThat(wiki.length()).isLessThanOrEqualTo(JiraIssueBody.DESCRIPTION_MAX);
    assertWikiSafe(wiki, allowedLinks(alert));
  }

  @Property(tries = 100)
  void cloudIssuesAreOnlyTextAndHonestLinks(
      @ForAll("alerts") Alert alert, @ForAll("descriptions") String description) {
    JsonNode fields =
        new JiraActionHandler(JiraPlanTest.CLOUD)
            .plan(
                JiraPlanTest.action(
                    List.of("ecr scan"),
                    "{{ finding.title }} {{ finding.description }}",
                    description),
                alert)
            .payload()
            .get("fields");
    assertSummary(fields.get("summary").asText());
    assertAdfSafe(fields.get("description"), JiraIssueBody.DESCRIPTION_MAX);
  }

  @Property(tries = 60)
  void commentsShowScannerTextLiterally(
      @ForAll("alerts") Alert alert,
      @ForAll FollowUp.Kind kind,
      @ForAll("reasons") String reason,
      @ForAll("reasons") String note) {
    FollowUp followUp = new FollowUp(kind, alert, Map.of("jiraKey", "SEC-1"), reason);
    JsonNode wiki = FollowUpComment.body(followUp, JiraSettings.Flavour.DATA_CENTER);
    // the template's own hyphen, inside a word, is no markup
    String own = "vulnsift re-notification";
    assertThat(wiki.asText().length()).isLessThanOrEqualTo(JiraIssueBody.DESCRIPTION_MAX);
    assertWikiSafe(wiki.asText().replace(own, ""), Set.of());
    String noted = FollowUpComment.withNote(wiki, note == null ? "" : note).asText();
    assertThat(noted.length()).isLessThanOrEqualTo(FollowUpComment.COMMENT_MAX);
    assertWikiSafe(noted.replace(own, ""), Set.of());
    JsonNode adf = FollowUpComment.body(followUp, JiraSettings.Flavour.CLOUD);
    assertAdfSafe(adf, JiraIssueBody.DESCRIPTION_MAX);
    assertAdfSafe(
        FollowUpComment.withNote(adf, note == null ? "" : note), FollowUpComment.COMMENT_MAX);
  }

  @Example
  void aLongDescriptionOfAstralCharactersIsCutBetweenCharacters() {
    // regression: Pebble's abbreviate(8000) of the default description cut 😀 in two
    Alert alert =
        io.vulnsift.actions.Fixtures.alert(
            io.vulnsift.actions.Fixtures.group(
                List.of(
                    io.vulnsift.actions.Fixtures.finding(
                        "t", "😀".repeat(5000), io.vulnsift.actions.Fixtures.DIGEST_A, List.of())),
                List.of(io.vulnsift.actions.Fixtures.DIGEST_A),
                List.of()));
    String wiki =
        new JiraActionHandler(JiraPlanTest.DC)
            .plan(JiraPlanTest.ACTION, alert)
            .payload()
            .at("/fields/description")
            .asText();
    assertWikiSafe(wiki, allowedLinks(alert));
    assertAdfSafe(
        new JiraActionHandler(JiraPlanTest.CLOUD)
            .plan(JiraPlanTest.ACTION, alert)
            .payload()
            .at("/fields/description"),
        JiraIssueBody.DESCRIPTION_MAX);
  }

  @Example
  void aCommentsNoteHasNoControlCharacters() {
    // regression: the note appended to an ADF comment kept a NUL, which Jira rejects
    JsonNode doc = Adf.fromPlainText("comment");
    assertAdfSafe(
        FollowUpComment.withNote(doc, "status \u0000Done\u001b[0m"), FollowUpComment.COMMENT_MAX);
    assertThat(FollowUpComment.withNote(doc, "a\u0000b").toString()).contains("\"ab\"");
  }

  @Example
  void aLongNoteStillFitsJirasCommentLimit() {
    // regression: a note appended to a comment of 32,000 characters went past Jira's 32,767
    String body = "x".repeat(JiraIssueBody.DESCRIPTION_MAX);
    String note = "\\".repeat(5000);
    JsonNode wiki = FollowUpComment.withNote(new TextNode(body), note);
    assertThat(wiki.asText().length()).isLessThanOrEqualTo(FollowUpComment.COMMENT_MAX);
    assertThat(wiki.asText()).startsWith(body + "\n\n&#92;").endsWith("…");
    JsonNode adf = FollowUpComment.withNote(Adf.fromPlainText("x".repeat(31_900)), note);
    assertAdfSafe(adf, FollowUpComment.COMMENT_MAX);
  }

  @Provide
  Arbitrary<String> reasons() {
    return HostileText.text().injectNull(0.1);
  }

  static Set<String> allowedLinks(Alert alert) {
    Set<String> allowed = new HashSet<>();
    allowed.add(TemplateModel.nvdUrl(alert.group().lead().vulnerabilityId()));
    alert.group().findings().forEach(f -> allowed.add(f.uri()));
    return allowed;
  }

  static void assertSummary(String summary) {
    assertThat(summary.length()).isLessThanOrEqualTo(JiraIssueBody.SUMMARY_MAX);
    assertThat(summary).doesNotContain("\n", "\r");
    assertThat(HostileText.wellFormed(summary)).as("well-formed: %s", summary).isTrue();
  }

  /**
   * Outside of the templates' own list markers ({@code "- "} at a line start, {@code h2.} of the
   * last template) and {@code [url]} links to allowed URLs, every wiki markup character is escaped
   * and every backslash escapes one; no line of scanner text starts a block.
   */
  static void assertWikiSafe(String wiki, Set<String> allowedLinks) {
    assertThat(HostileText.wellFormed(wiki)).as("well-formed: %s", wiki).isTrue();
    for (String line : wiki.split("\n", -1)) {
      int i = line.startsWith("- ") ? 2 : line.startsWith("h2.") ? 3 : 0;
      if (i == 0) {
        assertThat(WIKI_BLOCK.matcher(line).find()).as("block marker: %s", line).isFalse();
      }
      while (i < line.length()) {
        char c = line.charAt(i);
        Matcher link = WIKI_LINK.matcher(line).region(i, line.length());
        if (line.startsWith("&#92;", i) || line.startsWith("&#46;", i)) {
          i += 5;
        } else if (c == '\\') {
          assertThat(i + 1).as("trailing backslash: %s", line).isLessThan(line.length());
          assertThat(WIKI_SPECIAL).as("escaped char in %s", line).contains("" + line.charAt(i + 1));
          i += 2;
        } else if (c == '[' && link.lookingAt()) {
          assertThat(allowedLinks).as("link in %s", line).contains(link.group(1));
          i = link.end();
        } else {
          assertThat(WIKI_SPECIAL.indexOf(c)).as("unescaped '%s' in: %s", c, line).isNegative();
          i++;
        }
      }
    }
  }

  /** Valid ADF of paragraphs and lists; text without control characters; links show their URL. */
  static void assertAdfSafe(JsonNode doc, int max) {
    AdfAssert.valid(doc);
    assertThat(doc.toString().length()).isLessThanOrEqualTo(max);
    for (JsonNode text : doc.findValues("text")) {
      assertThat(CONTROL.matcher(text.asText()).find()).as("control in %s", text).isFalse();
      assertThat(HostileText.wellFormed(text.asText())).as("well-formed: %s", text).isTrue();
    }
    for (JsonNode node : AdfAssert.links(doc)) {
      JsonNode marks = node.get("marks");
      assertThat(marks.size()).isEqualTo(1);
      assertThat(marks.get(0).get("type").asText()).isEqualTo("link");
      String href = marks.get(0).at("/attrs/href").asText();
      assertThat(href).isEqualTo(node.get("text").asText()).matches("https?://\\S+");
    }
  }
}
