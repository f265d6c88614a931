package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.actions.template.TemplateTarget;
import io.vulnsift.actions.template.Templates;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.Alert;
import io.vulnsift.workflow.Action;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@code POST /rest/api/{3|2}/issue} body of a Jira action: pure, so the plan shows
 * exactly what is sent. Templates and their variables: see {@link TemplateModel}; the summary is
 * rendered as plain text, the description as wiki markup (Data Center) or as plain text turned into
 * ADF (Cloud), with values escaped for the target.
 */
public final class JiraIssueBody {

  /** Jira's hard limit for the summary field. */
  public static final int SUMMARY_MAX = 255;

  /** Below the 32,767 characters of Jira's text fields, leaving room for the marker. */
  public static final int DESCRIPTION_MAX = 32_000;

  public static final String TRUNCATED = "… (truncated)";

  public static final String DEFAULT_SUMMARY =
      "{{ finding.vulnerabilityId }} ({{ maxSeverity }}) in {{ finding.packageName }}"
          + " {{ finding.packageVersion }} — {{ finding.repository }}";

  /** Line-oriented on purpose: the same text is valid wiki markup and converts cleanly to ADF. */
  public static final String DEFAULT_DESCRIPTION =
      """
      {{ finding.vulnerabilityId }}: {{ finding.title | default("(no title)") }}

      Severity: {{ maxSeverity }}{% if cvss is not empty %} — CVSS {{ cvss }}{% endif %}\
      {% if cvssVector is not empty %} ({{ cvssVector }}){% endif %}
      Package: {{ finding.packageName }} {{ finding.packageVersion }} → fixed in \
      {{ finding.fixedInVersion | default("(no fixed version yet)") }}
      Fix available: {{ finding.fixAvailable | default("unknown") }}, exploit available: \
      {{ finding.exploitAvailable | default("unknown") }}{% if epss is not empty %}, \
      EPSS: {{ epss }}{% endif %}

      Affected images ({{ affectedImages | length }}):
      {% for image in affectedImages %}{% if loop.index < 50 %}- {{ image.repository }}\
      {% if image.tagsText is not empty %} ({{ image.tagsText }}){% endif %} {{ image.digest }}
      {% endif %}{% endfor %}{% if affectedImages | length > 50 %}- and \
      {{ affectedImages | length - 50 }} more
      {% endif %}
      Running workloads ({{ workloads | length }}):
      {% for w in workloads %}{% if loop.index < 50 %}- {{ w.path }} — stage {{ w.stage }}\
      {% if w.owner is not empty %}, owner {{ w.owner }}{% endif %}
      {% endif %}{% endfor %}{% if workloads | length > 50 %}- and {{ workloads | length - 50 }} more
      {% endif %}
      Links:
      {% if advisoryUrl is not empty %}- Advisory: {{ advisoryUrl | link }}
      {% endif %}{% if nvdUrl is not empty %}- NVD: {{ nvdUrl | link }}
      {% endif %}
      Description from the scanner:
      {{ finding.description | default("(none)") | abbreviate(8000) }}

      vulnsift fingerprint: {{ fingerprint }} (workflow {{ workflow }})
      """;

  private static final Map<String, String> DEFAULT_PRIORITIES =
      Map.of("CRITICAL", "Highest", "HIGH", "High", "MEDIUM", "Medium", "LOW", "Low");

  private JiraIssueBody() {}

  public static ObjectNode build(Action.Jira action, Alert alert, JiraSettings.Flavour flavour) {
    Map<String, Object> vars = TemplateModel.of(alert);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode fields = body.putObject("fields");
    IssueRouting.Route route = IssueRouting.route(action, alert.group().owners());
    fields.putObject("project").put("key", route.project());
    fields.putObject("issuetype").put("name", action.issueType());
    fields.put("summary", summary(action, vars));
    String template = or(action.description(), DEFAULT_DESCRIPTION);
    if (flavour == JiraSettings.Flavour.DATA_CENTER) {
      fields.put("description", wikiDescription(template, vars));
    } else {
      fields.set("description", adfDescription(template, vars));
    }
    String priority =
        IssueRouting.cvssPriority(action, alert.group().maxCvss())
            .orElseGet(() -> priority(action, alert.group().maxSeverity().name()));
    if (priority != null) {
      fields.putObject("priority").put("name", priority);
    }
    ArrayNode labels = fields.putArray("labels");
    labels(action, alert.group().fingerprint()).forEach(labels::add);
    IssueRouting.components(fields, route.components());
    IssueRouting.assignee(fields, route.assignee(), flavour);
    IssueRouting.customFields(fields, action, vars);
    return body;
  }

  static String summary(Action.Jira action, Map<String, Object> vars) {
    String rendered =
        Templates.render(TemplateTarget.PLAIN, or(action.summary(), DEFAULT_SUMMARY), vars);
    return Text.truncate(Text.oneLine(rendered), SUMMARY_MAX, "…");
  }

  static String wikiDescription(String template, Map<String, Object> vars) {
    String wiki = Templates.render(TemplateTarget.JIRA_WIKI, template, vars).strip();
    if (wiki.length() <= DESCRIPTION_MAX) {
      return wiki;
    }
    // Never end inside a link ("[https://…" with its "]" cut off: the rest of the page would be
    // read as its text), nor on half an escape ("\") or entity ("&#9"), which would eat the
    // marker's layout. A scanner's literal "[" is escaped ("\["), so it is not a link's start.
    String cut = Text.truncate(wiki, DESCRIPTION_MAX - 2 - TRUNCATED.length(), "");
    cut = cut.replaceAll("(?<!\\\\)\\[[^\\]\n]*$", "");
    cut = cut.replaceAll("(\\\\|&#?[0-9a-zA-Z]{0,5})$", "");
    return cut + "\n\n" + TRUNCATED;
  }

  /**
   * The rendered text as ADF. Jira counts the stored form against its 32,767-character limit, and
   * on Cloud that is the ADF JSON, so the JSON is what must fit: the text is cut until it does.
   */
  static ObjectNode adfDescription(String template, Map<String, Object> vars) {
    String full = Templates.render(TemplateTarget.PLAIN, template, vars).strip();
    ObjectNode doc = Adf.fromPlainText(full);
    int keep = full.length();
    for (int size = doc.toString().length();
        size > DESCRIPTION_MAX;
        size = doc.toString().length()) {
      keep = (int) ((long) keep * DESCRIPTION_MAX / size * 9 / 10);
      doc = Adf.fromPlainText(Text.truncate(full, keep, "") + "\n\n" + TRUNCATED);
    }
    return doc;
  }

  static String priority(Action.Jira action, String severity) {
    for (Map.Entry<String, String> e : action.priorities().entrySet()) {
      if (e.getKey().equalsIgnoreCase(severity)) {
        return e.getValue();
      }
    }
    return DEFAULT_PRIORITIES.get(severity);
  }

  /** Action labels (Jira labels cannot hold spaces), then {@code vulnsift} and the fingerprint. */
  static Set<String> labels(Action.Jira action, String fingerprint) {
    Set<String> labels = new LinkedHashSet<>();
    for (String label : action.labels()) {
      String clean = Text.truncate(label.trim().replaceAll("\\s+", "-"), 255, "");
      if (!clean.isEmpty()) {
        labels.add(clean);
      }
    }
    labels.add("vulnsift");
    labels.add("vulnsift-" + fingerprint.toLowerCase(Locale.ROOT));
    return labels;
  }

  private static String or(String value, String fallback) {
    return Text.isBlank(value) ? fallback : value;
  }
}
