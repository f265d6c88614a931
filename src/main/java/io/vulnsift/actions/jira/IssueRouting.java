package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.TemplateTarget;
import io.vulnsift.actions.template.Templates;
import io.vulnsift.actions.template.Text;
import io.vulnsift.workflow.Action;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The create fields that depend on who owns the group: project, assignee and components (the
 * action's {@code owners} map, first owner of the group with an entry wins), plus the action's
 * custom fields and the CVSS priority override. Pure, like {@link JiraIssueBody}.
 */
final class IssueRouting {

  // Trailing tokens must fail: "12 apples" is text, not the number 12.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Where one group's issue goes; {@code assignee} is {@code null} when nobody is assigned. */
  record Route(String project, String assignee, List<String> components) {}

  private IssueRouting() {}

  static Route route(Action.Jira action, List<String> groupOwners) {
    for (String owner : groupOwners) {
      Action.Jira.Owner entry = action.owners().get(owner);
      if (entry != null) {
        return new Route(
            Text.isBlank(entry.project()) ? action.project() : entry.project(),
            Text.isBlank(entry.assignee()) ? null : entry.assignee(),
            entry.components() == null ? action.components() : entry.components());
      }
    }
    return new Route(action.project(), null, action.components());
  }

  /**
   * The priority of the highest {@code cvssPriorities} threshold at or below the score; empty when
   * the score is unknown or below every threshold, so the severity mapping applies.
   *
   * @throws IllegalArgumentException when a threshold is not a number (the plan fails, naming it)
   */
  static Optional<String> cvssPriority(Action.Jira action, Double cvss) {
    double best = Double.NEGATIVE_INFINITY;
    String priority = null;
    for (Map.Entry<String, String> e : action.cvssPriorities().entrySet()) {
      double min = threshold(e.getKey());
      if (cvss != null && min <= cvss && min > best) {
        best = min;
        priority = e.getValue();
      }
    }
    return Optional.ofNullable(priority);
  }

  private static double threshold(String key) {
    try {
      double min = Double.parseDouble(key.trim());
      if (!Double.isNaN(min)) {
        return min;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "cvssPriorities: '" + key + "' is not a CVSS score (write e.g. 9.0: Highest)");
  }

  /** Cloud identifies users by account id, Data Center by user name. */
  static void assignee(ObjectNode fields, String assignee, JiraSettings.Flavour flavour) {
    if (assignee != null) {
      String key = flavour == JiraSettings.Flavour.CLOUD ? "accountId" : "name";
      fields.putObject("assignee").put(key, assignee);
    }
  }

  static void components(ObjectNode fields, List<String> components) {
    if (!components.isEmpty()) {
      ArrayNode array = fields.putArray("components");
      components.forEach(name -> array.addObject().put("name", name));
    }
  }

  static void customFields(ObjectNode fields, Action.Jira action, Map<String, Object> vars) {
    action
        .customFields()
        .forEach(
            (id, template) ->
                fields.set(
                    id,
                    value(
                        Templates.render(TemplateTarget.PLAIN, template, vars).strip(),
                        writtenAsJson(template))));
  }

  /**
   * Whether the template's own text is a JSON object or array ({@code {"value": …}}, {@code [ …
   * ]}), as opposed to starting with a {@code {{ … }}} / {@code {% … %}} tag. Only then may the
   * result be an object or array: scanner text that merely looks like JSON cannot change a field's
   * type (Jira would reject the whole issue, on every run).
   */
  static boolean writtenAsJson(String template) {
    String t = template.strip();
    return t.startsWith("[") || (t.startsWith("{") && !t.matches("(?s)^\\{[{%#].*"));
  }

  /** Numbers as JSON; arrays and objects too when written as such; anything else as text. */
  static JsonNode value(String rendered, boolean jsonAllowed) {
    try {
      JsonNode node = JSON.readTree(rendered);
      if (node != null && (node.isNumber() || (jsonAllowed && node.isContainerNode()))) {
        return node;
      }
    } catch (IOException e) {
      // Not JSON: plain text.
    }
    // Below Jira's 32,767-character limit of text fields, so one long value cannot fail the issue.
    return JSON.getNodeFactory()
        .textNode(Text.truncate(rendered, JiraIssueBody.DESCRIPTION_MAX, JiraIssueBody.TRUNCATED));
  }
}
