package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.actions.template.Text;
import io.vulnsift.actions.template.WikiMarkup;
import io.vulnsift.engine.FollowUp;
import java.util.List;
import java.util.Map;

/**
 * The comment a follow-up leaves on an issue: ADF on Cloud, wiki markup on Data Center, rendered
 * from a template like the description so scanner text is escaped the same way. It says what
 * happened ({@link FollowUp#reason()}) and, for a re-notification or a regression, the group as it
 * is now (severity, images, workloads): the engine tells the reason, not the previous snapshot, so
 * the lists are the current ones rather than a diff.
 */
final class FollowUpComment {

  static final String TEMPLATE =
      """
      {% if kind == "RENOTIFY" %}vulnsift re-notification{% elseif kind == "RESOLVE" %}\
      Resolved by vulnsift{% else %}Regression found by vulnsift{% endif %}: {{ reason }}
      {% if kind != "RESOLVE" %}
      Severity now: {{ maxSeverity }}{% if cvss is not empty %} — CVSS {{ cvss }}{% endif %}

      Affected images now ({{ affectedImages | length }}):
      {% for image in affectedImages %}{% if loop.index < 50 %}- {{ image.repository }}\
      {% if image.tagsText is not empty %} ({{ image.tagsText }}){% endif %} {{ image.digest }}
      {% endif %}{% endfor %}{% if affectedImages | length > 50 %}- and \
      {{ affectedImages | length - 50 }} more
      {% endif %}
      Running workloads now ({{ workloads | length }}):
      {% for w in workloads %}{% if loop.index < 50 %}- {{ w.path }} — stage {{ w.stage }}\
      {% if w.owner is not empty %}, owner {{ w.owner }}{% endif %}
      {% endif %}{% endfor %}{% if workloads | length > 50 %}- and {{ workloads | length - 50 }} more
      {% endif %}{% endif %}
      vulnsift fingerprint: {{ fingerprint }} (workflow {{ workflow }})
      """;

  /** Jira's limit of a comment in its stored form: the wiki text, or the ADF JSON on Cloud. */
  static final int COMMENT_MAX = 32_767;

  /** A note says why a status was left as is: a sentence, quoting a few Jira names. */
  static final int NOTE_MAX = 500;

  private FollowUpComment() {}

  /** The comment body: an ADF document (Cloud) or a wiki-markup string (Data Center). */
  static JsonNode body(FollowUp followUp, JiraSettings.Flavour flavour) {
    Map<String, Object> vars = TemplateModel.of(followUp.alert());
    vars.put("kind", followUp.kind().name());
    vars.put("reason", Text.isBlank(followUp.reason()) ? "(no reason given)" : followUp.reason());
    if (flavour == JiraSettings.Flavour.DATA_CENTER) {
      return JsonNodeFactory.instance.textNode(JiraIssueBody.wikiDescription(TEMPLATE, vars));
    }
    return JiraIssueBody.adfDescription(TEMPLATE, vars);
  }

  /**
   * The body with a note appended, e.g. why the issue was not transitioned. The note may quote
   * Jira's own names (statuses, resolutions), so it is escaped like any other value.
   */
  static JsonNode withNote(JsonNode body, String note) {
    String line = Text.oneLine(note);
    if (body.isTextual()) {
      // escaped, a character may take five ("\\" is "&#92;")
      int room = (COMMENT_MAX - body.asText().length() - 2) / 5;
      String cut = Text.truncate(line, Math.min(NOTE_MAX, room), "…");
      return JsonNodeFactory.instance.textNode(body.asText() + "\n\n" + WikiMarkup.escape(cut));
    }
    // What a note costs in the JSON cannot be told from its length: a character may be escaped,
    // and each URL becomes a link node (its text, its href and the node around them). So it is
    // measured, and the note halved until the comment fits.
    int keep = Math.min(NOTE_MAX, line.length());
    while (true) {
      ObjectNode doc = body.deepCopy();
      doc.withArray("content").add(Adf.paragraph(List.of(Text.truncate(line, keep, "…"))));
      if (keep == 0 || doc.toString().length() <= COMMENT_MAX) {
        return doc;
      }
      keep /= 2;
    }
  }
}
