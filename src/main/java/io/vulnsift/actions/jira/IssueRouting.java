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

/**
 * The create fields that depend on who owns the group: project, assignee and components (the
 * action's {@code owners} map, first owner of the group with an entry wins), plus the action's
 * custom fields. Pure, like {@link JiraIssueBody}.
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
                    id, value(Templates.render(TemplateTarget.PLAIN, template, vars).strip())));
  }

  /** Numbers, arrays and objects as JSON (select lists want {"value": …}); anything else text. */
  static JsonNode value(String rendered) {
    try {
      JsonNode node = JSON.readTree(rendered);
      if (node != null && (node.isNumber() || node.isContainerNode())) {
        return node;
      }
    } catch (IOException e) {
      // Not JSON: plain text.
    }
    return JSON.getNodeFactory().textNode(rendered);
  }
}
